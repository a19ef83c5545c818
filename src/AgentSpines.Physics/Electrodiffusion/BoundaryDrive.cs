namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// What the boundaries impose during one phase of an episode: the synaptic current carried by the sodium influx
/// at the synaptic end (A, positive = inward) and the potential held at the dendritic end (V).
/// </summary>
public readonly record struct BoundaryDrive(double InputCurrentA, double DendritePotentialV);
