namespace AgentSpines.Plasticity.State;

/// <summary>Morphological class of a protrusion (a cut through the continuum of head volume and neck shape).</summary>
public enum LifeStage : byte { Nascent, Filopodium, Thin, Stubby, Mushroom }

/// <summary>Which arm of an experiment a run belongs to; vehicle and drug share seeds.</summary>
public enum Arm : byte { Vehicle, Drug }

/// <summary>Outcome of one structural step for one spine.</summary>
public enum SpineFate : byte { Alive, Eliminated }

/// <summary>CaMKII/LTP expression state of a spine (EarlyLtd: an unconsolidated shrinkage, undone after the early phase).</summary>
public enum LtpPhase : byte { None, Early, Late, EarlyLtd }
