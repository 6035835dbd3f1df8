// hmmrnn JShell startup: the library's common imports.
import java.nio.file.*;
import java.util.*;
import io.github.hmmrnn.data.*;
import io.github.hmmrnn.io.*;
import io.github.hmmrnn.synthetic.*;
import io.github.hmmrnn.hmm.*;
import io.github.hmmrnn.model.*;
import io.github.hmmrnn.metrics.*;
import io.github.hmmrnn.oracle.*;
import io.github.hmmrnn.analysis.*;
import io.github.hmmrnn.rnn.*;
import io.github.hmmrnn.agents.*;
import io.github.hmmrnn.moa.*;
import io.github.hmmrnn.moa.neural.*;
System.out.println("hmmrnn imported. Try: var train = TwoStepGenerator.builder().seed(1).build().generate();");
