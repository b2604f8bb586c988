// The hooks are all in include/ferry_hooks.h; SwiftPM builds a C target from at least one source file.
#include "ferry_hooks.h"
