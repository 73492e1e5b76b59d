/// The rank of an item in a ``BoundedSelection``: higher ranks are kept first.
struct SelectionRank: Comparable {
    /// The class of the item: a float sample outranks NaN, which outranks a sample without a float.
    var group: Int
    /// The value, negated for ascending order; 0 when the order is the server's.
    var key: Double
    /// The position in the response; earlier positions rank higher among equal keys.
    var index: Int

    static func < (lhs: SelectionRank, rhs: SelectionRank) -> Bool {
        if lhs.group != rhs.group { return lhs.group < rhs.group }
        if lhs.key != rhs.key { return lhs.key < rhs.key }
        return lhs.index > rhs.index
    }
}

/// Keeps the highest-ranked items whose costs fit in a byte budget, seeing items one at a time.
///
/// The items kept are always a prefix of all items sorted by rank: once an item is dropped for
/// want of room, no lower-ranked item is kept, even a smaller one. Memory stays within the items
/// kept, whatever the number offered.
struct BoundedSelection<Item> {
    private struct Entry {
        var item: Item
        var cost: Int
        var rank: SelectionRank
    }

    let roomBytes: Int
    /// A min-heap by rank: the lowest-ranked kept item is at the root, first to go.
    private var heap: [Entry] = []
    private(set) var usedBytes = 0
    /// The highest rank dropped so far; nothing ranked at or below it may be kept.
    private var highestDropped: SelectionRank?

    init(roomBytes: Int) {
        self.roomBytes = roomBytes
    }

    var count: Int { heap.count }

    /// Offers an item. `make` is called, to build the item and its cost, only when an item of this
    /// rank could still be kept.
    mutating func offer(rank: SelectionRank, _ make: () -> (item: Item, cost: Int)) {
        if let highestDropped, rank <= highestDropped { return }
        let (item, cost) = make()
        push(Entry(item: item, cost: cost, rank: rank))
        usedBytes += cost
        while usedBytes > roomBytes, let lowest = popLowest() {
            usedBytes -= lowest.cost
            highestDropped = Swift.max(highestDropped ?? lowest.rank, lowest.rank)
        }
    }

    /// Returns the kept items, highest rank first.
    func sorted() -> [Item] {
        heap.sorted { $0.rank > $1.rank }.map(\.item)
    }

    // MARK: - Heap

    private mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].rank < heap[parent].rank else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func popLowest() -> Entry? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let lowest = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].rank < heap[smallest].rank { smallest = left }
            if right < heap.count, heap[right].rank < heap[smallest].rank { smallest = right }
            guard smallest != parent else { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return lowest
    }
}
