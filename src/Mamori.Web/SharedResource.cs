// The assembly is named `mamori`; resources are named after the root namespace, so say which it is.
[assembly: Microsoft.Extensions.Localization.RootNamespace("Mamori.Web")]

namespace Mamori.Web;

/// <summary>
/// Marker for the UI strings. Keys are the Japanese text itself, so pages read naturally and Japanese needs no
/// resource file; Resources/SharedResource.en.resx holds the English.
/// </summary>
public sealed class SharedResource;
