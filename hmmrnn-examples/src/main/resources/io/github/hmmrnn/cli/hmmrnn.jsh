// hmmrnn JShell startup: every package of the library (hmmrnn-core, hmmrnn-agents, hmmrnn-spark) and of the CLI
// module's reports, after JShell's DEFAULT imports (java.util.*, java.nio.file.*, ...).
// JshellImportsTest checks that no package is missing and that every type name resolves to one type.
import io.github.hmmrnn.analysis.*;
import io.github.hmmrnn.data.*;
import io.github.hmmrnn.emulation.*;
import io.github.hmmrnn.emulation.analysis.*;
import io.github.hmmrnn.emulation.experiment.*;
import io.github.hmmrnn.emulation.rnn.*;
import io.github.hmmrnn.hmm.*;
import io.github.hmmrnn.io.*;
import io.github.hmmrnn.metrics.*;
import io.github.hmmrnn.model.*;
import io.github.hmmrnn.numeric.*;
import io.github.hmmrnn.parallel.*;
import io.github.hmmrnn.oracle.*;
import io.github.hmmrnn.rnn.*;
import io.github.hmmrnn.synthetic.*;
import io.github.hmmrnn.agents.*;
import io.github.hmmrnn.moa.*;
import io.github.hmmrnn.moa.neural.*;
import io.github.hmmrnn.rl.*;
import io.github.hmmrnn.rl.dqn.*;
import io.github.hmmrnn.rl.env.*;
import io.github.hmmrnn.rl.net.*;
import io.github.hmmrnn.experiment.*;
import io.github.hmmrnn.report.*;
import io.github.hmmrnn.sweep.*;
import io.github.hmmrnn.spark.*;
import io.github.hmmrnn.report.emulation.*;
import io.github.hmmrnn.report.rl.*;
import io.github.hmmrnn.examples.*;
// Two packages define Ablation: "Ablation" is the RL one; write
// io.github.hmmrnn.emulation.analysis.Ablation for the emulation one.
import io.github.hmmrnn.rl.Ablation;
System.out.println("hmmrnn imported. Try: var train = TwoStepGenerator.builder().seed(1).build().generate();");
