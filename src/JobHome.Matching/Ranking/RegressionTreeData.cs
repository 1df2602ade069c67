namespace JobHome.Matching.Ranking;

/// <summary>One trained regression tree: node i goes left when feature[Split[i]] ≤ Threshold[i]; child &lt; 0 is leaf ~child.</summary>
/// <param name="Weight">The tree's weight in the ensemble.</param>
/// <param name="Split">Feature index per node.</param>
/// <param name="Threshold">Threshold per node.</param>
/// <param name="Left">Left child per node.</param>
/// <param name="Right">Right child per node.</param>
/// <param name="Leaves">Leaf values.</param>
public sealed record RegressionTreeData(double Weight, int[] Split, float[] Threshold, int[] Left, int[] Right, double[] Leaves);
