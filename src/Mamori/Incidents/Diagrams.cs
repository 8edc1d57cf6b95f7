using System.Xml;
using Mamori.Common;

namespace Mamori.Incidents;

/// <summary>
/// What a network diagram (0-2) may be: PDF, PNG, JPEG or SVG, told by its bytes. A file named or sent as one of
/// them must be that format (an HTML page called lan.pdf is not a PDF). Diagrams download as files, but a person may
/// open one in the browser from there, so an SVG that could run script is refused outright: stripping it would mean
/// trusting our own sanitizer over an attacker's markup, and a real diagram has no script in it.
/// </summary>
public static class Diagrams
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Svg = "image/svg+xml";

    private static readonly string[] ScriptElements = ["script", "foreignobject", "iframe", "embed", "object", "handler", "listener"];

    public static string Check(byte[] bytes, string? fileName, string? claimedType)
    {
        var type = Detect(bytes)
            ?? throw new InvalidInputException("ネットワーク構成図はPDF・PNG・JPEG・SVGのいずれかのファイルを選んでください（中身で判定しています）。", "file");
        foreach (var claimed in new[] { ByName(fileName), ByContentType(claimedType) })
        {
            if (claimed is not null && claimed != type)
            {
                throw new InvalidInputException("ファイルの中身が{0}の形式ではありません。{0}のファイルそのものを選んでください。", [Label(claimed)], "file");
            }
        }
        if (type == Svg)
        {
            CheckSvg(bytes);
        }
        return type;
    }

    /// <summary>By the format's magic bytes; SVG as XML text that mentions &lt;svg&gt; (parsed in <see cref="CheckSvg"/>).</summary>
    public static string? Detect(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }
        if (span.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return Png;
        }
        if (span.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
        {
            return Jpeg;
        }
        var head = System.Text.Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 4096)).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        return (head.StartsWith("<?xml", StringComparison.Ordinal) || head.StartsWith("<svg", StringComparison.Ordinal) || head.StartsWith("<!--", StringComparison.Ordinal))
            && head.Contains("<svg", StringComparison.Ordinal) ? Svg : null;
    }

    private static string? ByName(string? fileName) => Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
    {
        ".pdf" => Pdf,
        ".png" => Png,
        ".jpg" or ".jpeg" => Jpeg,
        ".svg" => Svg,
        _ => null,
    };

    private static string? ByContentType(string? contentType) => contentType?.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        Pdf => Pdf,
        Png => Png,
        Jpeg or "image/jpg" or "image/pjpeg" => Jpeg,
        Svg => Svg,
        _ => null,
    };

    private static string Label(string type) => type switch
    {
        Pdf => "PDF",
        Png => "PNG",
        Jpeg => "JPEG",
        _ => "SVG",
    };

    /// <summary>
    /// Parsed as XML without a DTD (no entities, so no external files or expansion bombs): the root must be svg, and no
    /// element, event attribute or URL may run script.
    /// </summary>
    private static void CheckSvg(byte[] bytes)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, MaxCharactersInDocument = bytes.LongLength * 4 };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
            var root = true;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                var name = reader.LocalName.ToLowerInvariant();
                if (root && name != "svg")
                {
                    throw new InvalidInputException("SVGファイルとして読み取れません。図を描いたソフトからSVGとして書き出し直してください。", "file");
                }
                root = false;
                if (ScriptElements.Contains(name))
                {
                    RefuseScript();
                }
                while (reader.MoveToNextAttribute())
                {
                    var value = new string(reader.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                    if (reader.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase)
                        || value.Contains("javascript:", StringComparison.Ordinal) || value.Contains("vbscript:", StringComparison.Ordinal)
                        || value.Contains("data:text/html", StringComparison.Ordinal))
                    {
                        RefuseScript();
                    }
                }
            }
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            RefuseScript();
        }
        catch (XmlException)
        {
            throw new InvalidInputException("SVGファイルとして読み取れません。図を描いたソフトからSVGとして書き出し直してください。", "file");
        }
    }

    private static void RefuseScript() =>
        throw new InvalidInputException("このSVGは受け付けられません。スクリプト、イベント属性（on…）、javascript: のリンク、foreignObject、DTDを含むSVGは、安全のため取り除かずにお断りしています。それらを含まない形で書き出し直してください。", "file");
}
