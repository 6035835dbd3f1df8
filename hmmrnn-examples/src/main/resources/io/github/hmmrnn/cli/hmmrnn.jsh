// hmmrnn JShell startup: the library's common imports.
import java.nio.file.*;
import java.util.*;
import io.github.hmmrnn.data.*;
import io.github.hmmrnn.synthetic.*;
import io.github.hmmrnn.hmm.*;
import io.github.hmmrnn.model.*;
import io.github.hmmrnn.analysis.*;
System.out.println("hmmrnn imported. Try: var train = TwoStepGenerator.builder().seed(1).build().generate();");
