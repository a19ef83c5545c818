namespace AgentSpines.Physics.Transport;

/// <summary>What happens to a free particle at the ends of the dendrite (both ends alike).</summary>
public enum EndCondition { Reflecting, Absorbing, Periodic }

/// <summary>Density psi1 of the free time before capture by a spine.</summary>
public enum CaptureKernel { Exponential, Gamma }

/// <summary>Density psi2 of the dwell time in a spine.</summary>
public enum DwellKernel { Exponential, Gamma, MittagLeffler, Pareto }

/// <summary>Where particles start along the dendrite.</summary>
public enum InitialPlacement { Point, Uniform }

/// <summary>How the sample (observation) times are spread over the run.</summary>
public enum SampleSpacing { Linear, Log }

/// <summary>Phase of one particle. Reacted and Absorbed particles are gone for good.</summary>
public enum ParticleState : byte { Free = 0, Trapped = 1, Reacted = 2, Absorbed = 3 }
