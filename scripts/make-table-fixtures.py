#!/usr/bin/env python3
"""Writes the table-import fixtures in Tests/DubanCoreTests/Fixtures: one small task table
(made up for the tests) as CSV UTF-8 with BOM, CSV GB18030, TSV UTF-16LE with BOM, and an
.xlsx written by openpyxl (merged cells, number-typed 序号, date-typed 完成时限, an in-cell
line break, rich text, a sparse row, a second sheet), plus small xlsx seeds for the fuzzer.
The committed files are what the tests read; rerun this only to change them:
    pip install openpyxl && python3 scripts/make-table-fixtures.py
"""
import datetime
import os
import re
import zipfile

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
fixtures = os.path.join(root, "Tests", "DubanCoreTests", "Fixtures")
corpus = os.path.join(root, "Tests", "DubanCoreTests", "FuzzCorpus", "xlsx")
os.makedirs(fixtures, exist_ok=True)
os.makedirs(corpus, exist_ok=True)

HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
# (序号, 重点任务, 牵头单位, 配合单位, 完成时限); None = empty cell. Row 5 continues task 3
# (its 序号 and 重点任务 cells are merged with row 4's in the workbook).
ROWS = [
    (1, "推进农村危房改造", "省住房和城乡建设厅", "省财政厅、省民政厅", datetime.date(2026, 6, 30)),
    (2.0, "推进城乡供水一体化", "省水利厅", "省财政厅", "2026年底前"),
    (3, "推进城乡道路客运一体化", "省交通运输厅", "省发改委、省财政厅", "2026年6月底前"),
    (None, None, None, "省商务厅", "2026年12月底前"),
    (4, "推进农村生活污水治理\n（试点）", "省环保厅、省住房和城乡建设厅", None, datetime.date(2027, 3, 31)),
    ("5", "推进城乡教育资源均衡配置", "省教育厅", "省财政厅、省人力资源和社会保障厅", "长期坚持"),
    (6, "推进农产品流通体系建设", "省商务厅", "省农委；省供销社", datetime.date(2026, 9, 30)),
]


def text(v):
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, datetime.date):
        return v.isoformat()
    return str(v)


def delimited(sep):
    def field(s):
        if any(c in s for c in (sep, '"', "\n", "\r")):
            return '"' + s.replace('"', '""') + '"'
        return s
    lines = [sep.join(HEADER)] + [sep.join(field(text(v)) for v in row) for row in ROWS]
    return "\r\n".join(lines) + "\r\n"


csv = delimited(",")
with open(os.path.join(fixtures, "table-utf8-bom.csv"), "wb") as f:
    f.write(b"\xef\xbb\xbf" + csv.encode("utf-8"))
with open(os.path.join(fixtures, "table-gb18030.csv"), "wb") as f:
    f.write(csv.encode("gb18030"))
with open(os.path.join(fixtures, "table-utf16le.tsv"), "wb") as f:
    f.write(b"\xff\xfe" + delimited("\t").encode("utf-16-le"))

wb = Workbook()
ws = wb.active
ws.title = "分工表"
ws.append(HEADER)
for row in ROWS:
    ws.append(list(row))
ws["B5"] = None
ws.merge_cells("A4:A5")  # task 3 over two rows
ws.merge_cells("B4:B5")
ws["B2"].number_format = "General"
ws["E2"].number_format = "yyyy-mm-dd"       # a custom date format (numFmtId 164)
ws["E6"].number_format = "mm-dd-yy"         # built-in numFmtId 14
ws["E8"].number_format = 'yyyy"-"mm"-"dd'   # custom, with quoted text
ws["B7"] = CellRichText(["推进城乡", TextBlock(InlineFont(b=True), "教育资源"), "均衡配置"])
ws["B6"].alignment = Alignment(wrap_text=True)
notes = wb.create_sheet("说明")
notes.append(["本表为测试用示例，非真实文件。"])
wb.save(os.path.join(fixtures, "table.xlsx"))


def as_excel_saves(path):
    """openpyxl writes every string inline; Excel and WPS keep them in xl/sharedStrings.xml.
    Rewrites the first sheet's plain inline strings as shared strings (one with a phonetic
    run, which is not cell text), 2 as 2.0, and a line break as Excel's _x000D_ + LF. The rich
    text cell stays an inline string, so both kinds are read."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    shared = []

    def share(m):
        shared.append(m.group(2))
        return '%s t="s"><v>%d</v></c>' % (m.group(1), len(shared) - 1)
    sheet = re.sub(r'(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?) t="inlineStr"><is><t>([^<]*)</t></is></c>', share, sheet)
    sheet = sheet.replace('<c r="A3" t="n"><v>2</v>', '<c r="A3" t="n"><v>2.0</v>')
    items = []
    for t in shared:
        t = t.replace("\n", "_x000D_\n")
        extra = '<rPh sb="0" eb="1"><t>スイ</t></rPh>' if t == "省水利厅" else ""
        items.append('<si><t xml:space="preserve">%s</t>%s</si>' % (t, extra))
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    parts["xl/sharedStrings.xml"] = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                                     'count="%d" uniqueCount="%d">%s</sst>' % (len(items), len(items), "".join(items))).encode()
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        b'Target="sharedStrings.xml" Id="rId9" /></Relationships>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sharedStrings+xml"/></Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(n, b)


as_excel_saves(os.path.join(fixtures, "table.xlsx"))

# Fuzz seeds: the fixture, a minimal one-sheet workbook, and inputs that must be refused.
wb2 = Workbook()
ws2 = wb2.active
ws2.append(["序号", "名称", "牵头部门"])
ws2.append([1, "推进一", "省财政厅"])
ws2.append([2, "推进\n二", "省农委"])
ws2.merge_cells("C2:C3")
wb2.save(os.path.join(corpus, "small.xlsx"))
with open(os.path.join(fixtures, "table.xlsx"), "rb") as src, open(os.path.join(corpus, "table.xlsx"), "wb") as dst:
    dst.write(src.read())
# The same small workbook with its parts stored uncompressed, so mutations reach the XML.
with zipfile.ZipFile(os.path.join(corpus, "small.xlsx")) as z, \
        zipfile.ZipFile(os.path.join(corpus, "small-stored.xlsx"), "w", zipfile.ZIP_STORED) as out:
    for name in z.namelist():
        out.writestr(name, z.read(name))
with zipfile.ZipFile(os.path.join(corpus, "not-a-workbook.zip"), "w") as z:
    z.writestr("readme.txt", "hello")
with open(os.path.join(corpus, "ole2-xls-header.xls"), "wb") as f:
    f.write(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))
with open(os.path.join(corpus, "truncated.xlsx"), "wb") as f:
    with open(os.path.join(corpus, "small.xlsx"), "rb") as src:
        f.write(src.read()[:300])
# Zip bombs in miniature: a part that inflates to 2 MB (tests lower the reader's 200 MB cap
# to 1 MB), and the same with its headers claiming 1,000 bytes, so only counting while
# inflating finds it.
def bomb(path, lie):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        with zipfile.ZipFile(os.path.join(corpus, "small.xlsx")) as src:
            for name in src.namelist():
                if name != "xl/worksheets/sheet1.xml":
                    z.writestr(name, src.read(name))
        z.writestr("xl/worksheets/sheet1.xml", b" " * (2 << 20))
    if lie:
        b = bytearray(open(path, "rb").read())
        name = b"xl/worksheets/sheet1.xml"
        i = 0
        while True:
            i = b.find(b"PK\x03\x04", i)
            if i < 0:
                break
            n = int.from_bytes(b[i + 26:i + 28], "little")
            if b[i + 30:i + 30 + n] == name:
                b[i + 22:i + 26] = (1000).to_bytes(4, "little")
            i += 4
        i = 0
        while True:
            i = b.find(b"PK\x01\x02", i)
            if i < 0:
                break
            n = int.from_bytes(b[i + 28:i + 30], "little")
            if b[i + 46:i + 46 + n] == name:
                b[i + 24:i + 28] = (1000).to_bytes(4, "little")
            i += 4
        open(path, "wb").write(bytes(b))


bomb(os.path.join(corpus, "bomb.xlsx"), lie=False)
bomb(os.path.join(corpus, "bomb-lying-sizes.xlsx"), lie=True)
# The small workbook's parts, NUL-separated (sheet, shared strings, styles): the fuzzer's
# way past the zip layer (see FileFuzzChecks.xlsx).
with zipfile.ZipFile(os.path.join(fixtures, "table.xlsx")) as z:
    with open(os.path.join(corpus, "table-parts.xml"), "wb") as f:
        f.write(z.read("xl/worksheets/sheet1.xml") + b"\0" + z.read("xl/sharedStrings.xml") + b"\0" + z.read("xl/styles.xml"))
# Decoder seeds: the three text fixtures, and text that must be refused or read carefully.
decoder = os.path.join(root, "Tests", "DubanCoreTests", "FuzzCorpus", "decoder")
os.makedirs(decoder, exist_ok=True)
for name in ("table-utf8-bom.csv", "table-gb18030.csv", "table-utf16le.tsv"):
    with open(os.path.join(fixtures, name), "rb") as src, open(os.path.join(decoder, name), "wb") as dst:
        dst.write(src.read())
seeds = {
    "utf16be-no-bom.tsv": "序号\t名称\t牵头部门\n1\t推进\t省财政厅\n".encode("utf-16-be"),
    "utf16le-odd-length.tsv": b"\xff\xfe" + "序号\t名称".encode("utf-16-le") + b"\x41",
    "utf16le-lone-surrogate.tsv": b"\xff\xfe" + "序号".encode("utf-16-le") + b"\x00\xd8\x41\x00",
    "bom-then-gb18030.csv": b"\xef\xbb\xbf" + "序号,名称\n".encode("gb18030"),
    "not-text.bin": bytes([0x81, 0x30, 0xff, 0xfe, 0x00, 0x41, 0xc0, 0x80]),
    "invalid-everywhere.csv": "序号,名称\n1,推进\n".encode("utf-8") + b"\xff\xff\xff\n",
    "gbk-short.csv": "序号,名称,牵头单位\n1,推进,省财政厅\n".encode("gbk"),
}
for name, data in seeds.items():
    with open(os.path.join(decoder, name), "wb") as f:
        f.write(data)
print("fixtures written")
