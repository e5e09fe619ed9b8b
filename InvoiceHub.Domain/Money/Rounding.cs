using InvoiceHub.Domain.Common;

namespace InvoiceHub.Domain;

public static class Rounding
{
    /// <summary>Rounds to whole minor units, half away from zero (2.5 → 3, −2.5 → −3).</summary>
    /// <exception cref="DomainException"><c>amount_out_of_range</c> when the result does not fit a long.</exception>
    public static long HalfAwayFromZero(decimal value)
    {
        var rounded = decimal.Round(value, 0, MidpointRounding.AwayFromZero);
        if (rounded is > long.MaxValue or < long.MinValue)
        {
            throw new DomainException(ErrorCodes.AmountOutOfRange, "The amount is too large to be handled.");
        }

        return (long)rounded;
    }
}
