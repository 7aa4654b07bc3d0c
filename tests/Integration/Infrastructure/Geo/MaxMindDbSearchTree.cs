namespace OmniaKey.IntegrationTests.Infrastructure.Geo;

/// <summary>A node of the search tree: each record is null (no data), another node, or a data leaf.</summary>
internal sealed class TreeNode
{
    public object? Left { get; set; }

    public object? Right { get; set; }

    public int Number { get; set; } = -1;
}

internal sealed record DataLeaf(int Index);

/// <summary>The binary trie the writer fills, then numbers breadth-first (the root is node 0).</summary>
internal sealed class SearchTree
{
    private readonly TreeNode root = new();

    /// <summary>Points the record for <paramref name="prefix"/> leading bits of <paramref name="bits"/> at <paramref name="value"/>.</summary>
    public void Insert(byte[] bits, int prefix, object? value)
    {
        var node = root;
        for (var depth = 0; depth < prefix; depth++)
        {
            var right = Bit(bits, depth);
            if (depth == prefix - 1)
            {
                Set(node, right, value);
                return;
            }

            var child = right ? node.Right : node.Left;
            if (child is not TreeNode next)
            {
                // A broader range (or nothing) covers this spot: split it so both halves keep it, then go deeper.
                next = new TreeNode { Left = child, Right = child };
                Set(node, right, next);
            }

            node = next;
        }
    }

    /// <summary>::ffff:0:0/96 leads to the same subtree as ::/96, so IPv4-mapped IPv6 lookups find IPv4 data.</summary>
    public void AliasIpv4Mapped()
    {
        var node = root;
        for (var depth = 0; depth < 95 && node is not null; depth++)
        {
            node = node.Left as TreeNode;
        }

        if (node?.Left is not TreeNode ipv4)
        {
            return;
        }

        byte[] mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0, 0];
        Insert(mapped, 96, ipv4);
    }

    public IReadOnlyList<TreeNode> Number()
    {
        var ordered = new List<TreeNode>();
        var queue = new Queue<TreeNode>([root]);
        root.Number = 0;
        while (queue.TryDequeue(out var node))
        {
            ordered.Add(node);
            foreach (var child in new[] { node.Left, node.Right })
            {
                if (child is TreeNode next && next.Number < 0)
                {
                    next.Number = ordered.Count + queue.Count;
                    queue.Enqueue(next);
                }
            }
        }

        return ordered;
    }

    private static bool Bit(byte[] bits, int index) => (bits[index / 8] & (0x80 >> (index % 8))) != 0;

    private static void Set(TreeNode node, bool right, object? value)
    {
        if (right)
        {
            node.Right = value;
        }
        else
        {
            node.Left = value;
        }
    }
}
