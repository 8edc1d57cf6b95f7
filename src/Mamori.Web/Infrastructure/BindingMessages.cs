using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// The framework's own words about a value it could not bind ("The value 'abc' is not valid for …") go through the
/// same resources as every other text, so the Japanese UI shows Japanese and the English UI English. The messages are
/// read when a page binds, in that request's UI culture.
/// </summary>
public sealed class BindingMessages(IStringLocalizerFactory localizers) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var l = localizers.Create(typeof(SharedResource));
        var m = options.ModelBindingMessageProvider;
        m.SetAttemptedValueIsInvalidAccessor((value, field) => l["「{0}」は{1}の値として正しくありません。", value, field]);
        m.SetMissingBindRequiredValueAccessor(field => l["{0}を指定してください。", field]);
        m.SetMissingKeyOrValueAccessor(() => l["値を指定してください。"]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => l["送信内容が空です。"]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["「{0}」は正しい値ではありません。", value]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["入力された値が正しくありません。"]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => l["数値を入力してください。"]);
        m.SetUnknownValueIsInvalidAccessor(field => l["{0}の値が正しくありません。", field]);
        m.SetValueIsInvalidAccessor(value => l["「{0}」は正しい値ではありません。", value]);
        m.SetValueMustBeANumberAccessor(field => l["{0}は数値で入力してください。", field]);
        m.SetValueMustNotBeNullAccessor(value => l["値を入力してください。"]);
        // A non-nullable string is not thereby required: the services say what is required, in Japanese and with the
        // field's real name, rather than an English "The X field is required." from the property's type.
        options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
    }
}
