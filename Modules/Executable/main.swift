import FerryCLI

await FerryCLI.main()
