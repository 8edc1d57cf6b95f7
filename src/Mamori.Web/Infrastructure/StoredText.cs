namespace Mamori.Web.Infrastructure;

/// <summary>
/// The language of text kept as it was written — incident titles, the timeline, reasons, report drafts — for its
/// element's lang attribute: such text is shown as recorded, not translated, and a screen reader in the English UI
/// must still read Japanese as Japanese.
/// </summary>
public static class StoredText
{
    public static string? Lang(string? text) =>
        text is not null && text.Any(c => c is >= '\u3040' and <= '\u30ff' or >= '\u3400' and <= '\u9fff' or >= '\u3000' and <= '\u303f' or >= '\uff00' and <= '\uffef') ? "ja" : null;
}
