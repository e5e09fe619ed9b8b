using System.Globalization;
using System.Resources;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace InvoiceHub.Tests.Localization;

/// <summary>
/// MudBlazor's own texts follow the reader's language through <see cref="MudTextLocalizer"/>, asked through MudBlazor's
/// localization interceptor, the pipeline its components read their texts through.
/// </summary>
public sealed class MudTextTests
{
    [Fact]
    public void Every_text_we_translate_is_one_MudBlazor_has_with_the_same_English()
    {
        var mud = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudButton).Assembly);
        var ours = ComponentText.ResourceManager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!
            .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);

        Assert.True(ours.Count >= 30, $"ComponentText holds {ours.Count} texts");
        foreach (var (key, english) in ours)
        {
            Assert.Equal(mud.GetString(key, CultureInfo.InvariantCulture), english);
        }
    }

    [Theory]
    [InlineData("es", "Filas por página:", "1-10 de 42", "Mes siguiente 2027")]
    [InlineData("nl", "Rijen per pagina:", "1-10 van 42", "Volgende maand 2027")]
    [InlineData("en", "Rows per page:", "1-10 of 42", "Next month 2027")]
    public void MudBlazor_s_components_read_the_pager_and_date_picker_in_the_reader_s_language(string code, string rowsPerPage, string info, string nextMonth)
    {
        using var services = new ServiceCollection().AddLogging().AddMudServices().AddTransient<MudLocalizer, MudTextLocalizer>().BuildServiceProvider();
        var interceptor = services.GetRequiredService<ILocalizationInterceptor>();
        using var _ = Languages.Use(code);

        Assert.Equal(rowsPerPage, interceptor.Handle("MudDataGridPager_RowsPerPage").Value);
        Assert.Equal(info, interceptor.Handle("MudDataGridPager_InfoFormat", 1, 10, 42).Value);
        Assert.Equal(nextMonth, interceptor.Handle("MudBaseDatePicker_NextMonth", "2027").Value);
        // A text we have not translated falls back to MudBlazor's English rather than to its key.
        Assert.Equal("Hue", interceptor.Handle("MudColorPicker_Hue").Value);
    }
}
