namespace InvoiceHub.Tests.Infrastructure;

/// <summary>A clock the test moves by hand; register it as the app's <see cref="TimeProvider"/>.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public DateOnly Today => DateOnly.FromDateTime(GetUtcNow().UtcDateTime);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public void SetToday(DateOnly day, int hour = 9) =>
        Interlocked.Exchange(ref _ticks, new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero).UtcTicks);
}
