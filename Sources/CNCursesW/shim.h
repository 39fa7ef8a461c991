#define _XOPEN_SOURCE 700
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/*
 * Swift 6 cannot use function-like macros (COLOR_PAIR, getmaxyx, KEY_F, A_*) nor
 * mutable C globals (stdscr, LINES, COLS, ESCDELAY). Everything DubanTerminal needs
 * from them is wrapped here in `static inline` functions without state of their own.
 */

/* ---- globals ---- */
static inline FILE *duban_stdin(void) { return stdin; }
static inline FILE *duban_stdout(void) { return stdout; }
static inline WINDOW *duban_stdscr(void) { return stdscr; }
static inline WINDOW *duban_curscr(void) { return curscr; }
static inline int duban_color_pairs(void) { return COLOR_PAIRS; }
static inline int duban_colors(void) { return COLORS; }

/* Rows and columns of a window. */
static inline void duban_getmaxyx(WINDOW *win, int *rows, int *cols) {
    int y = 0, x = 0;
    getmaxyx(win, y, x);
    *rows = y;
    *cols = x;
}

/* Whether the current terminal can address the cursor (has `cup`). */
static inline bool duban_has_cup(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

/* ---- results ---- */
static inline int duban_ok(void) { return OK; }
static inline int duban_err(void) { return ERR; }

/* ---- attributes and colours ---- */
static inline attr_t duban_a_normal(void) { return A_NORMAL; }
static inline attr_t duban_a_bold(void) { return A_BOLD; }
static inline attr_t duban_a_reverse(void) { return A_REVERSE; }
static inline attr_t duban_a_underline(void) { return A_UNDERLINE; }
static inline attr_t duban_a_dim(void) { return A_DIM; }
static inline attr_t duban_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }

static inline short duban_color_black(void) { return COLOR_BLACK; }
static inline short duban_color_red(void) { return COLOR_RED; }
static inline short duban_color_green(void) { return COLOR_GREEN; }
static inline short duban_color_yellow(void) { return COLOR_YELLOW; }
static inline short duban_color_blue(void) { return COLOR_BLUE; }
static inline short duban_color_magenta(void) { return COLOR_MAGENTA; }
static inline short duban_color_cyan(void) { return COLOR_CYAN; }
static inline short duban_color_white(void) { return COLOR_WHITE; }

/* ---- key codes (values of wget_wch when it returns KEY_CODE_YES) ---- */
static inline int duban_key_code_yes(void) { return KEY_CODE_YES; }
static inline int duban_key_up(void) { return KEY_UP; }
static inline int duban_key_down(void) { return KEY_DOWN; }
static inline int duban_key_left(void) { return KEY_LEFT; }
static inline int duban_key_right(void) { return KEY_RIGHT; }
static inline int duban_key_home(void) { return KEY_HOME; }
static inline int duban_key_end(void) { return KEY_END; }
static inline int duban_key_ppage(void) { return KEY_PPAGE; }
static inline int duban_key_npage(void) { return KEY_NPAGE; }
static inline int duban_key_enter(void) { return KEY_ENTER; }
static inline int duban_key_backspace(void) { return KEY_BACKSPACE; }
static inline int duban_key_dc(void) { return KEY_DC; }
static inline int duban_key_btab(void) { return KEY_BTAB; }
static inline int duban_key_resize(void) { return KEY_RESIZE; }
static inline int duban_key_a1(void) { return KEY_A1; }
static inline int duban_key_a3(void) { return KEY_A3; }
static inline int duban_key_b2(void) { return KEY_B2; }
static inline int duban_key_c1(void) { return KEY_C1; }
static inline int duban_key_c3(void) { return KEY_C3; }
static inline int duban_key_f(int n) { return KEY_F(n); }

/* ---- input ---- */
/*
 * One wget_wch. Returns -1 when nothing was read (ERR: timeout or interrupted),
 * 0 when *code is a character, 1 when *code is a KEY_ code.
 */
static inline int duban_get_wch(WINDOW *win, int *code) {
    wint_t ch = 0;
    int r = wget_wch(win, &ch);
    *code = (int)ch;
    if (r == ERR) return -1;
    return r == KEY_CODE_YES ? 1 : 0;
}

/* ---- output ---- */
/*
 * Writes one cell at (y, x): `wcs` is a NUL-terminated string of one spacing
 * character followed by at most CCHARW_MAX-1 non-spacing ones.
 * Returns -2 when setcchar refuses the string (nothing is written then), otherwise
 * what mvwadd_wch returns (ERR in the bottom-right corner, where the character is
 * written all the same but the cursor cannot advance).
 */
static inline int duban_put_cell(WINDOW *win, int y, int x, const wchar_t *wcs, attr_t attrs, short pair) {
    cchar_t cc;
    if (setcchar(&cc, wcs, attrs, pair, NULL) == ERR) return -2;
    return mvwadd_wch(win, y, x, &cc);
}

static inline int duban_ccharw_max(void) { return CCHARW_MAX; }

/* ---- mouse ---- */
static inline int duban_key_mouse(void) { return KEY_MOUSE; }
static inline unsigned long duban_button1_pressed(void) { return (unsigned long)BUTTON1_PRESSED; }
static inline unsigned long duban_button1_clicked(void) { return (unsigned long)BUTTON1_CLICKED; }
static inline unsigned long duban_button4_pressed(void) { return (unsigned long)BUTTON4_PRESSED; }
#ifdef BUTTON5_PRESSED
static inline unsigned long duban_button5_pressed(void) { return (unsigned long)BUTTON5_PRESSED; }
#else
static inline unsigned long duban_button5_pressed(void) { return 0; }
#endif

/*
 * Reports button 1 presses and clicks and the wheel (buttons 4 and 5) at once, without
 * waiting to tell clicks from double clicks (mouseinterval 0). Returns whether the
 * terminal reports any of them.
 */
static inline bool duban_enable_mouse(void) {
    mmask_t want = BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
        | BUTTON5_PRESSED
#endif
        ;
    mouseinterval(0);
    return mousemask(want, NULL) != 0;
}

/* The pending mouse event after KEY_MOUSE: 0 and its position and buttons, or -1. */
static inline int duban_getmouse(int *y, int *x, unsigned long *bstate) {
    MEVENT ev;
    if (getmouse(&ev) != OK) return -1;
    *y = ev.y;
    *x = ev.x;
    *bstate = (unsigned long)ev.bstate;
    return 0;
}

/* ---- a terminal that draws East Asian Ambiguous characters two columns wide ---- */
#include <string.h>
#include <unistd.h>

/* One byte of terminal output, written at once (curses has flushed its own by then). */
static inline int duban_out_byte(int c) {
    unsigned char b = (unsigned char)c;
    return write(STDOUT_FILENO, &b, 1) == 1 ? c : EOF;
}

/*
 * curses measures with the C library's wcwidth, which calls Ambiguous characters one
 * column wide; such a terminal moves its cursor two. So curses holds two spaces there and
 * the glyph is written here, after doupdate has flushed: attributes, cursor to (y, x),
 * the glyph, normal attributes (which curses is told, through vid_puts), and the cursor
 * back where curses believes it is. Returns -1 when the terminal cannot address the cursor.
 */
static inline int duban_overlay_cell(int y, int x, const char *utf8, attr_t attrs, short pair) {
    char *cup = tigetstr("cup");
    if (cup == NULL || cup == (char *)-1) return -1;
    int cy = 0, cx = 0;
    getyx(curscr, cy, cx);
    tputs(tiparm(cup, y, x), 1, duban_out_byte);
    vid_puts(attrs, pair, NULL, duban_out_byte);
    size_t n = strlen(utf8);
    if (write(STDOUT_FILENO, utf8, n) != (ssize_t)n) { /* nothing to do: the next frame writes it again */ }
    vid_puts(A_NORMAL, 0, NULL, duban_out_byte);
    tputs(tiparm(cup, cy, cx), 1, duban_out_byte);
    return 0;
}
