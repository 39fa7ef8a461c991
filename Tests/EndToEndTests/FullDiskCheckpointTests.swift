import Foundation
import Testing

/// Issue 9, point 7: a checkpoint cut off by a full disk (page 1 already says the file is
/// longer, the pages after it not written, the log still holding them) must not lock the
/// tracker out, neither while the disk is full nor after space is freed.
@Suite(.serialized) struct FullDiskCheckpointTests {
    @Test(.enabled(if: ReliabilityTests.canMountTmpfs, "needs unshare -rm and a tmpfs mount"))
    func aCheckpointCutOffByAFullDiskIsNotCalledDamaged() throws {
        let bin = try DubanBinary.url().path
        // A 1 MB tmpfs filled in 4 KB pieces; pieces are freed one by one until an edit
        // is committed to the log but its checkpoint (at exit) cannot grow the file.
        let script = """
            set -u
            d=$(mktemp -d); mount -t tmpfs -o size=1m tmpfs "$d" || exit 90
            export DUBAN_TODAY=2027-04-10
            "$1" init --file "$d/t.sqlite" >/dev/null || exit 91
            big=$(head -c 6000 /dev/zero | tr '\\0' x)
            i=0; while dd if=/dev/zero of="$d/fill$i" bs=4k count=1 2>/dev/null; do i=$((i+1)); done
            n=0; saved=""
            while [ $n -lt $i ]; do
              rm -f "$d/fill$n"; n=$((n+1))
              if "$1" note 2 "$big-$n" --file "$d/t.sqlite" >/dev/null 2>&1; then saved="$big-$n"; fi
              if [ -s "$d/t.sqlite-wal" ]; then break; fi
            done
            [ -s "$d/t.sqlite-wal" ] && echo "checkpoint-cut" || echo "no-cut-after=$n"
            size=$(stat -c %s "$d/t.sqlite")
            pages=$(od -An -tu1 -j28 -N4 "$d/t.sqlite" | awk '{print (($1*256+$2)*256+$3)*256+$4}')
            [ $((pages * 4096)) -gt "$size" ] && echo "header-longer-than-file"
            echo "while-full: $("$1" list --file "$d/t.sqlite" 2>&1 >/dev/null | head -1)"
            rm -f "$d"/fill*
            "$1" list --file "$d/t.sqlite" >/dev/null 2>&1 && echo "list-ok"
            "$1" check --file "$d/t.sqlite" | head -1
            [ -n "$saved" ] && "$1" export --format json --file "$d/t.sqlite" | grep -c -- "$saved"
            """
        let (_, text) = try ReliabilityTests.runInPrivateMounts(script, bin)
        #expect(text.contains("checkpoint-cut"), "the scenario did not happen: \(text)")
        #expect(text.contains("header-longer-than-file"), "\(text)")
        #expect(!text.contains("damaged"), "an intact file was called damaged: \(text)")
        let whileFull = text.split(separator: "\n").first { $0.hasPrefix("while-full:") } ?? ""
        #expect(whileFull == "while-full: " || whileFull.contains("the disk is full"), "\(whileFull)")
        #expect(text.contains("list-ok"), "\(text)")
        #expect(text.contains("integrity check ok"), "\(text)")
        #expect(text.split(separator: "\n").last == "1", "the committed edit is kept: \(text)")
    }
}
