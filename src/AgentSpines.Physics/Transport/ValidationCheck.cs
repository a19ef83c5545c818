namespace AgentSpines.Physics.Transport;

/// <summary>One validation check: passes when |Measured - Expected| &lt;= Tolerance (or, for one-sided checks, as stated).</summary>
public sealed record ValidationCheck(string Check, double Expected, double Measured, double Tolerance, bool Pass, string Detail);
