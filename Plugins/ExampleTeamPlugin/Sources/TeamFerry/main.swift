// The team's `ferry`: every Ferry command, with the crossover plugin registered beside the built-in ones.
import CrossoverPlugin
import FerryCLI

await FerryCLI.main(plugins: [CrossoverPlugin.self])
