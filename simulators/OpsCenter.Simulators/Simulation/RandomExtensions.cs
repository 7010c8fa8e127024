namespace OpsCenter.Simulators.Simulation;

internal static class RandomExtensions
{
    public static double Between(this Random random, double min, double max) => min + random.NextDouble() * (max - min);

    /// <summary>Multiplicative noise around 1, e.g. 0.1 gives a factor in [0.9, 1.1].</summary>
    public static double Noise(this Random random, double spread) => 1 + random.Between(-spread, spread);

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>Knuth's method; fine for the small means a device sees in one reporting interval.</summary>
    public static int Poisson(this Random random, double mean)
    {
        if (mean <= 0)
            return 0;
        if (mean > 50)
            return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * random.Between(-1.5, 1.5)));
        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit && count < 1000)
        {
            product *= random.NextDouble();
            count++;
        }
        return count;
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static T PickWeighted<T>(this Random random, IReadOnlyList<(T Item, double Weight)> items)
    {
        var total = items.Sum(i => i.Weight);
        var roll = random.NextDouble() * total;
        foreach (var (item, weight) in items)
        {
            roll -= weight;
            if (roll <= 0)
                return item;
        }
        return items[^1].Item;
    }
}
