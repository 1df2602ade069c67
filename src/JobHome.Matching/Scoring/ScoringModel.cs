using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace JobHome.Matching.Scoring;

/// <summary>A linear scoring model: score = Σ weightᵢ × factorᵢ with non-negative weights summing to 1.</summary>
/// <remarks>
/// Every score therefore lies in [0, 1]. Learned models keep the logistic coefficients for reference and rank with their
/// non-negative part normalised (see <see cref="FromCoefficients"/>).
/// </remarks>
public sealed class ScoringModel
{
    private readonly double[] _weights;

    private ScoringModel(double[] weights, double[]? coefficients, double? intercept, int trainedOn)
    {
        _weights = weights;
        Coefficients = coefficients;
        Intercept = intercept;
        TrainedOn = trainedOn;
    }

    /// <summary>Default weights: occupation 0.40, skills 0.20, pay 0.15, distance 0.15, priority 0.10.</summary>
    public static ScoringModel Default { get; } = new([0.40, 0.20, 0.15, 0.15, 0.10], null, null, 0);

    /// <summary>Weights in <see cref="Factor"/> order; non-negative, summing to 1.</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>The weight of one factor.</summary>
    public double Weight(Factor factor) => _weights[(int)factor];

    /// <summary>Logistic-regression coefficients in <see cref="Factor"/> order when trained; else null.</summary>
    public IReadOnlyList<double>? Coefficients { get; }

    /// <summary>Logistic-regression intercept when trained; else null.</summary>
    public double? Intercept { get; }

    /// <summary>Number of examples the model was trained on (0 for hand-set weights).</summary>
    public int TrainedOn { get; }

    /// <summary>Creates a model from weights in <see cref="Factor"/> order, normalised to sum 1.</summary>
    /// <remarks>The weights must be finite and ≥ 0 with a positive sum.</remarks>
    public static ScoringModel FromWeights(double occupation, double skills, double pay, double distance, double priority)
    {
        double[] w = [occupation, skills, pay, distance, priority];
        for (var i = 0; i < w.Length; i++)
        {
            if (!double.IsFinite(w[i]) || w[i] < 0)
            {
                throw new ArgumentException($"weight '{FactorNames.Tokens[i]}' must be a finite number ≥ 0, got {w[i]}");
            }
        }
        return new(Normalise(w) ?? throw new ArgumentException("at least one weight must be positive"), null, null, 0);
    }

    /// <summary>The score of a factor vector: Σ weightᵢ × factorᵢ, clamped to [0, 1] (evaluated in factor order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Score(double occupation, double skills, double pay, double distance, double priority)
    {
        var w = _weights;
        var s = (w[0] * occupation) + (w[1] * skills) + (w[2] * pay) + (w[3] * distance) + (w[4] * priority);
        return s > 1.0 ? 1.0 : s;
    }

    /// <summary>The score of a factor vector.</summary>
    public double Score(in FactorVector factors) =>
        Score(factors.Occupation, factors.Skills, factors.Pay, factors.Distance, factors.Priority);

    /// <summary>A learned model from logistic coefficients in <see cref="Factor"/> order, projected onto non-negative weights.</summary>
    /// <remarks>
    /// The ranking weights are max(βᵢ, 0) normalised to sum 1, which ranks exactly as the logistic model
    /// P(placed) = σ(b + Σ βᵢ fᵢ) when every β ≥ 0; a factor that lowers placement odds gets weight 0, so the score stays
    /// monotone in every factor and exact top-k with score bounds holds. Falls back to <see cref="Default"/> weights when no
    /// coefficient is positive. The fit itself (ML.NET) lives outside this pure library, in <c>JobHome.Ranking</c>.
    /// </remarks>
    public static ScoringModel FromCoefficients(IReadOnlyList<double> coefficients, double intercept, int trainedOn)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        if (coefficients.Count != FactorVector.Count)
        {
            throw new ArgumentException($"coefficients must have {FactorVector.Count} values (one per factor), got {coefficients.Count}");
        }
        if (trainedOn < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(trainedOn), trainedOn, "must be ≥ 0");
        }
        var copy = new double[FactorVector.Count];
        var positive = new double[FactorVector.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            if (!double.IsFinite(coefficients[i]))
            {
                throw new ArgumentException($"coefficient '{FactorNames.Tokens[i]}' must be finite, got {coefficients[i]}");
            }
            copy[i] = coefficients[i];
            positive[i] = Math.Max(0.0, coefficients[i]);
        }
        if (!double.IsFinite(intercept))
        {
            throw new ArgumentException($"intercept must be finite, got {intercept}");
        }
        var weights = Normalise(positive) ?? Default._weights.ToArray();
        return new ScoringModel(weights, copy, intercept, trainedOn);
    }

    /// <summary>Serialises the model as JSON; doubles round-trip exactly.</summary>
    /// <remarks>
    /// The shape is <c>{"version":1,"weights":{"occupation":…,"skills":…,"pay":…,"distance":…,"priority":…},
    /// "coefficients":{…}|null,"intercept":…|null,"trainedOn":n}</c>.
    /// </remarks>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", 1);
            WriteFactors(writer, "weights", _weights);
            if (Coefficients is null)
            {
                writer.WriteNull("coefficients");
            }
            else
            {
                WriteFactors(writer, "coefficients", Coefficients);
            }
            if (Intercept is { } b)
            {
                writer.WriteNumber("intercept", b);
            }
            else
            {
                writer.WriteNull("intercept");
            }
            writer.WriteNumber("trainedOn", TrainedOn);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads a model written by <see cref="ToJson"/>; throws <see cref="FormatException"/> naming the bad field.</summary>
    public static ScoringModel FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"scoring model: not valid JSON ({e.Message})", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("scoring model: the root must be a JSON object");
            }
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var v) || v != 1)
            {
                throw new FormatException("scoring model: field 'version' must be the number 1");
            }
            var weights = ReadFactors(root, "weights", required: true, nonNegative: true)!;
            var normalised = Math.Abs(weights.Sum() - 1.0) <= 1e-12 ? weights : Normalise(weights)
                ?? throw new FormatException("scoring model: field 'weights' must have at least one positive weight");
            var coefficients = ReadFactors(root, "coefficients", required: false, nonNegative: false);
            double? intercept = null;
            if (root.TryGetProperty("intercept", out var b) && b.ValueKind != JsonValueKind.Null)
            {
                if (b.ValueKind != JsonValueKind.Number || !double.IsFinite(b.GetDouble()))
                {
                    throw new FormatException("scoring model: field 'intercept' must be a finite number or null");
                }
                intercept = b.GetDouble();
            }
            var trainedOn = 0;
            if (root.TryGetProperty("trainedOn", out var t)
                && (t.ValueKind != JsonValueKind.Number || !t.TryGetInt32(out trainedOn) || trainedOn < 0))
            {
                throw new FormatException("scoring model: field 'trainedOn' must be a non-negative integer");
            }
            return new ScoringModel(normalised, coefficients, intercept, trainedOn);
        }
    }

    private static double[]? Normalise(double[] w)
    {
        var sum = w.Sum();
        if (!(sum > 0))
        {
            return null;
        }
        return [.. w.Select(x => x / sum)];
    }

    private static void WriteFactors(Utf8JsonWriter writer, string name, IReadOnlyList<double> values)
    {
        writer.WriteStartObject(name);
        for (var i = 0; i < FactorNames.Tokens.Count; i++)
        {
            writer.WriteNumber(FactorNames.Tokens[i], values[i]);
        }
        writer.WriteEndObject();
    }

    private static double[]? ReadFactors(JsonElement root, string name, bool required, bool nonNegative)
    {
        if (!root.TryGetProperty(name, out var obj) || obj.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new FormatException($"scoring model: field '{name}' is missing") : null;
        }
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"scoring model: field '{name}' must be an object with {string.Join(", ", FactorNames.Tokens)}");
        }
        var values = new double[FactorNames.Tokens.Count];
        for (var i = 0; i < FactorNames.Tokens.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"{name}.{FactorNames.Tokens[i]}");
            if (!obj.TryGetProperty(FactorNames.Tokens[i], out var e))
            {
                throw new FormatException($"scoring model: field '{field}' is missing");
            }
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out var d) || !double.IsFinite(d))
            {
                throw new FormatException($"scoring model: field '{field}' must be a finite number");
            }
            if (nonNegative && d < 0)
            {
                throw new FormatException($"scoring model: field '{field}' must be ≥ 0, got {d.ToString(CultureInfo.InvariantCulture)}");
            }
            values[i] = d;
        }
        return values;
    }
}
