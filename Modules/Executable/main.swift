import FerryCLI

FerryCLI.main()
