using System.Buffers.Binary;

namespace Mamori.Incidents.Reports.Pdf;

/// <summary>
/// Just enough of a TrueType font to embed it in a PDF: Unicode → glyph index (cmap 4/12), advance widths, and a
/// subset that keeps glyph indexes (unused outlines emptied), so a report carries tens of KB of font, not MB.
/// </summary>
public sealed class TrueTypeFont
{
    private static readonly string[] HintingTables = ["cvt ", "fpgm", "prep"];
    private readonly byte[] _data;
    private readonly Dictionary<string, (int Offset, int Length)> _tables = [];
    private readonly Dictionary<int, int> _cmap = [];
    private readonly ushort[] _advances;

    public TrueTypeFont(byte[] data)
    {
        _data = data;
        var count = U16(4);
        for (var i = 0; i < count; i++)
        {
            var entry = 12 + i * 16;
            _tables[System.Text.Encoding.ASCII.GetString(data, entry, 4)] = ((int)U32(entry + 8), (int)U32(entry + 12));
        }
        var head = Table("head");
        UnitsPerEm = U16(head + 18);
        Bbox = [S16(head + 36), S16(head + 38), S16(head + 40), S16(head + 42)];
        LongLoca = S16(head + 50) == 1;
        var hhea = Table("hhea");
        Ascent = S16(hhea + 4);
        Descent = S16(hhea + 6);
        GlyphCount = U16(Table("maxp") + 4);
        var metrics = U16(hhea + 34);
        var hmtx = Table("hmtx");
        _advances = new ushort[GlyphCount];
        for (var g = 0; g < GlyphCount; g++)
        {
            _advances[g] = U16(hmtx + 4 * Math.Min(g, metrics - 1));
        }
        ReadCmap();
    }

    public int UnitsPerEm { get; }
    public int Ascent { get; }
    public int Descent { get; }
    public int GlyphCount { get; }
    public IReadOnlyList<int> Bbox { get; }
    private bool LongLoca { get; }

    /// <summary>The glyph for a code point, 0 (.notdef) when the font lacks it.</summary>
    public int Glyph(int codePoint) => _cmap.GetValueOrDefault(codePoint);

    /// <summary>Advance width in 1/1000 em (PDF text space units).</summary>
    public int Width(int glyph) => _advances[Math.Clamp(glyph, 0, GlyphCount - 1)] * 1000 / UnitsPerEm;

    /// <summary>The font with only these glyphs' outlines (plus .notdef); glyph indexes stay as they are.</summary>
    public byte[] Subset(IEnumerable<int> glyphs)
    {
        var keep = new HashSet<int>(glyphs) { 0 };
        var glyf = Table("glyf");
        foreach (var g in keep.ToList())
        {
            AddComponents(glyf, g, keep);
        }
        var newGlyf = new MemoryStream();
        var loca = new byte[(GlyphCount + 1) * 4];
        for (var g = 0; g < GlyphCount; g++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(g * 4), (uint)newGlyf.Length);
            if (keep.Contains(g))
            {
                var (start, end) = GlyphRange(g);
                newGlyf.Write(_data, glyf + start, end - start);
                while (newGlyf.Length % 4 != 0)
                {
                    newGlyf.WriteByte(0);
                }
            }
        }
        BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(GlyphCount * 4), (uint)newGlyf.Length);
        var head = Copy("head");
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1); // long loca offsets
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0); // checkSumAdjustment: not checked by PDF readers
        var tables = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["head"] = head, ["hhea"] = Copy("hhea"), ["maxp"] = Copy("maxp"), ["hmtx"] = Copy("hmtx"), ["loca"] = loca, ["glyf"] = newGlyf.ToArray(),
        };
        foreach (var optional in HintingTables.Where(_tables.ContainsKey))
        {
            tables[optional] = Copy(optional);
        }
        return Assemble(tables);
    }

    private void AddComponents(int glyf, int glyph, HashSet<int> keep)
    {
        var (start, end) = GlyphRange(glyph);
        if (end - start < 10 || S16(glyf + start) >= 0)
        {
            return;
        }
        var p = glyf + start + 10;
        while (true)
        {
            var flags = U16(p);
            var component = U16(p + 2);
            if (keep.Add(component))
            {
                AddComponents(glyf, component, keep);
            }
            p += 4 + ((flags & 1) != 0 ? 4 : 2) + ((flags & 8) != 0 ? 2 : (flags & 0x40) != 0 ? 4 : (flags & 0x80) != 0 ? 8 : 0);
            if ((flags & 0x20) == 0)
            {
                return;
            }
        }
    }

    private (int Start, int End) GlyphRange(int glyph)
    {
        var loca = Table("loca");
        return LongLoca
            ? ((int)U32(loca + glyph * 4), (int)U32(loca + glyph * 4 + 4))
            : (U16(loca + glyph * 2) * 2, U16(loca + glyph * 2 + 2) * 2);
    }

    private void ReadCmap()
    {
        var cmap = Table("cmap");
        int? best = null;
        for (var i = 0; i < U16(cmap + 2); i++)
        {
            var record = cmap + 4 + i * 8;
            var (platform, encoding, offset) = (U16(record), U16(record + 2), (int)U32(record + 4));
            var format = U16(cmap + offset);
            if (platform == 3 && (encoding == 10 && format == 12 || encoding == 1 && format == 4 && best is null))
            {
                best = cmap + offset;
            }
        }
        var sub = best ?? throw new InvalidDataException("The font has no Unicode cmap.");
        if (U16(sub) == 12)
        {
            for (var i = 0; i < (int)U32(sub + 12); i++)
            {
                var group = sub + 16 + i * 12;
                var (first, last, glyph) = ((int)U32(group), (int)U32(group + 4), (int)U32(group + 8));
                for (var c = first; c <= last; c++)
                {
                    _cmap[c] = glyph + c - first;
                }
            }
            return;
        }
        var segments = U16(sub + 6) / 2;
        for (var s = 0; s < segments; s++)
        {
            var end = U16(sub + 14 + s * 2);
            var start = U16(sub + 16 + segments * 2 + s * 2);
            var delta = S16(sub + 16 + segments * 4 + s * 2);
            var rangeAt = sub + 16 + segments * 6 + s * 2;
            var range = U16(rangeAt);
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                var glyph = range == 0 ? (c + delta) & 0xFFFF : U16(rangeAt + range + (c - start) * 2);
                if (range != 0 && glyph != 0)
                {
                    glyph = (glyph + delta) & 0xFFFF;
                }
                if (glyph != 0)
                {
                    _cmap[c] = glyph;
                }
            }
        }
    }

    private static byte[] Assemble(SortedDictionary<string, byte[]> tables)
    {
        var output = new MemoryStream();
        var header = new byte[12 + 16 * tables.Count];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)tables.Count);
        output.Write(header);
        var i = 0;
        foreach (var (tag, bytes) in tables)
        {
            var entry = header.AsSpan(12 + 16 * i++);
            System.Text.Encoding.ASCII.GetBytes(tag, entry);
            BinaryPrimitives.WriteUInt32BigEndian(entry[4..], Checksum(bytes));
            BinaryPrimitives.WriteUInt32BigEndian(entry[8..], (uint)output.Length);
            BinaryPrimitives.WriteUInt32BigEndian(entry[12..], (uint)bytes.Length);
            output.Write(bytes);
            while (output.Length % 4 != 0)
            {
                output.WriteByte(0);
            }
        }
        var result = output.ToArray();
        header.CopyTo(result, 0);
        return result;
    }

    private static uint Checksum(byte[] bytes)
    {
        uint sum = 0;
        for (var i = 0; i < bytes.Length; i += 4)
        {
            uint word = 0;
            for (var j = 0; j < 4; j++)
            {
                word = (word << 8) | (i + j < bytes.Length ? bytes[i + j] : 0u);
            }
            sum += word;
        }
        return sum;
    }

    private byte[] Copy(string tag) => _data.AsSpan(_tables[tag].Offset, _tables[tag].Length).ToArray();

    private int Table(string tag) => _tables.TryGetValue(tag, out var t) ? t.Offset : throw new InvalidDataException($"The font has no '{tag}' table.");

    private ushort U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(at));

    private short S16(int at) => BinaryPrimitives.ReadInt16BigEndian(_data.AsSpan(at));

    private uint U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(at));
}
