using System.ComponentModel.DataAnnotations;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Infrastructure.Localization;

namespace InvoiceHub.Tests.Localization;

/// <summary>The messages DataAnnotations give next to a field follow the reader's language, length limits included.</summary>
public sealed class FormValidationLanguageTests
{
    [Theory]
    [InlineData("en", "At most 200 characters.")]
    [InlineData("es", "Como máximo 200 caracteres.")]
    [InlineData("nl", "Maximaal 200 tekens.")]
    public void A_company_name_that_is_too_long_is_refused_in_the_reader_s_language(string code, string expected)
    {
        using var _ = Languages.Use(code);
        var form = new SettingsForm { CompanyName = new string('x', 201) };
        var context = new ValidationContext(form) { MemberName = nameof(SettingsForm.CompanyName) };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateProperty(form.CompanyName, context, results));

        Assert.Equal(expected, Assert.Single(results).ErrorMessage);
    }
}
