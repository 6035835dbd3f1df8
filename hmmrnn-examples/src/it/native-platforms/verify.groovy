// Checks the dependency trees written by invoker.properties: with -Djavacpp.platform=P, the ND4J and
// OpenBLAS native jars (and JavaCPP's) of P and no jar classified for any other platform; without it,
// the natives of all five platforms and of no other.
def platforms = ['linux-x86_64', 'linux-arm64', 'macosx-x86_64', 'macosx-arm64', 'windows-x86_64']
// any JavaCPP platform classifier, optionally with an extension such as -avx2 or -gpu
def classified = ~/:jar:((?:android|ios|linux|macosx|windows)-[a-z0-9_]+(?:-[a-z0-9]+)?):/

def classifiers = { String name ->
    def file = new File(basedir, name)
    assert file.isFile() : "missing ${file}"
    def text = file.text
    [text, (text =~ classified).collect { it[1] } as Set]
}
def requireNatives = { String text, String p, String tree ->
    ['org.nd4j:nd4j-native', 'org.bytedeco:openblas', 'org.bytedeco:javacpp'].each { ga ->
        assert text.contains("${ga}:jar:${p}:") : "${tree}: no ${ga} for ${p}"
    }
}

platforms.each { p ->
    def (text, found) = classifiers("tree-${p}.txt")
    requireNatives(text, p, "tree-${p}.txt")
    assert found == [p] as Set : "tree-${p}.txt: jars for other platforms: ${found - p}"
    println "native-platforms: ${p}: ${found}"
}
def (text, found) = classifiers('tree-default.txt')
platforms.each { p -> requireNatives(text, p, 'tree-default.txt') }
assert found == platforms as Set : "tree-default.txt: unexpected platforms: ${found - platforms}"
println "native-platforms: default: ${found}"
return true
