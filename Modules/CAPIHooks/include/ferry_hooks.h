// The one place a team's own libferry adds to Ferry's: `ferry_extra_plugins`, a weak symbol. Ferry's
// libferry leaves it undefined (NULL); a team's library defines it (@_cdecl in Swift) and the
// linker binds libferry's call to that definition. Nothing runs when either library is loaded.
#ifndef FERRY_HOOKS_H
#define FERRY_HOOKS_H

/// Defined by a team's libferry: its plugins, handed over by `LibraryPlugins.handOver`.
void *ferry_extra_plugins(void) __attribute__((weak));

/// The team's plugins as `ferry_extra_plugins` hands them over, or NULL when no library defines it.
static inline void *ferry_call_extra_plugins(void) { return ferry_extra_plugins ? ferry_extra_plugins() : (void *)0; }

#endif
