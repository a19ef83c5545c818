using AgentSpines.Core;

namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>The explicit reference scheme was asked for a time step above its stability limit.</summary>
public sealed class ElectrodiffusionStabilityException(string message) : AgentSpinesInputException(message);
