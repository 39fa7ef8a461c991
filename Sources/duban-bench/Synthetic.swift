import DubanCore

/// Deterministic synthetic tables for the benchmark: `tasks` rows over `units` departments,
/// each task with one or two leads and five to fifteen cooperating units.
struct Synthetic {
    var tasks: Int
    var units: Int
    var seed: UInt64 = 0x5EED

    static let titleWords = ["推进", "百镇建设", "城乡住房", "市政基础设施", "规划管理", "公共服务", "农村电网", "信息化",
                             "就业服务", "社会保障", "生产要素", "商品市场", "金融支持", "社区治理", "平安建设", "环境整治"]

    func unitNames() -> [String] {
        (0..<units).map { "省测试单位\($0 + 1)号" }
    }

    /// Rows of (number, title, leads, cooperating).
    func rows() -> [(Int, String, [String], [String])] {
        var rng = SeededRandom(seed: seed)
        let names = unitNames()
        return (1...max(1, tasks)).map { n in
            let title = (0..<3).map { _ in Synthetic.titleWords[rng.below(Synthetic.titleWords.count)] }.joined() + "第\(n)项"
            var chosen = Set<Int>()
            let leadCount = 1 + rng.below(2)
            let coopCount = min(names.count - leadCount, 5 + rng.below(11))
            var leads: [String] = []
            var coops: [String] = []
            while leads.count < min(leadCount, names.count) {
                let i = rng.below(names.count)
                if chosen.insert(i).inserted { leads.append(names[i]) }
            }
            while coops.count < max(0, coopCount) {
                let i = rng.below(names.count)
                if chosen.insert(i).inserted { coops.append(names[i]) }
            }
            return (n, title, leads, coops)
        }
    }

    func csv() -> String {
        var out = "序号,名称,牵头部门,协同部门\n"
        out.reserveCapacity(tasks * 200)
        for (n, title, leads, coops) in rows() {
            out += "\(n),\(title),\"\(leads.joined(separator: "、"))\",\"\(coops.joined(separator: "、"))\"\n"
        }
        return out
    }

    /// The same rows as a box-drawing table (one segment, one line a row).
    func boxDrawing() -> String {
        let r = rows()
        var out = "┌────┬──────┬──────┬──────┐\n│序号│ 名 称 │牵头部门│协同部门│\n"
        for (n, title, leads, coops) in r {
            out += "├────┼──────┼──────┼──────┤\n"
            out += "│ \(n) │\(title)│\(leads.joined(separator: "、"))│\(coops.joined(separator: "、"))│\n"
        }
        out += "└────┴──────┴──────┴──────┘\n"
        return out
    }
}

extension SeededRandom {
    /// A number in 0..<n (0 when n < 1).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
}
