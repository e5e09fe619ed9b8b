using System.Globalization;
using InvoiceHub.Domain;
using InvoiceHub.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Http;

namespace InvoiceHub.Tests.Localization;

/// <summary>Which language a code, a culture or a browser asks for, and how money reads in each language's culture.</summary>
public sealed class LanguageTests
{
    [Theory]
    [InlineData("es", "es")]
    [InlineData("es-MX", "es")]
    [InlineData("NL_be", "nl")]
    [InlineData("en-GB", "en")]
    [InlineData("de", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_code_or_culture_finds_the_language_InvoiceHub_speaks(string? asked, string? expected) =>
        Assert.Equal(expected, Languages.Find(asked)?.Code);

    [Fact]
    public void Languages_InvoiceHub_does_not_speak_read_English() => Assert.Equal("en", Languages.Of("fr").Code);

    [Theory]
    [InlineData("de-DE,es;q=0.8,en;q=0.5", "es")]
    [InlineData("fr, nl-BE;q=0.9", "nl")]
    [InlineData("en;q=0.1, es;q=0.9", "es")]
    [InlineData("es;q=0, nl;q=0.2", "nl")]
    [InlineData("de, fr", null)]
    public void The_browser_s_first_language_InvoiceHub_speaks_wins(string header, string? expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.AcceptLanguage = header;
        Assert.Equal(expected, LanguageSelection.FromAcceptLanguage(context.Request)?.Code);
    }

    [Theory]
    [InlineData("en", 123456, "€1,234.56")]
    [InlineData("en", -500, "-€5.00")]
    [InlineData("nl", 123456, "€ 1.234,56")]
    [InlineData("nl", -500, "-€ 5,00")]
    [InlineData("es", 123456, "1.234,56 €")]
    [InlineData("es", -500, "-5,00 €")]
    public void Money_reads_as_the_language_s_culture_writes_it(string code, long minor, string expected)
    {
        using (Languages.Use(code))
        {
            Assert.Equal(expected, new Money(minor, Currency.EUR).ToDisplayString().Replace('\u00A0', ' ').Replace('\u202F', ' '));
        }
    }

    [Fact]
    public void A_language_scope_ends_where_it_was_opened()
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        using (Languages.Use("nl"))
        {
            Assert.Equal("nl-NL", CultureInfo.CurrentUICulture.Name);
            Assert.Equal("nl", Languages.Current.Code);
        }
        Assert.Equal(before, (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture));
    }
}
