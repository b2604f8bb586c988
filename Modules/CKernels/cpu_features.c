// Which kernels this CPU runs: CPUID for the instructions, XGETBV for the operating system saving
// the registers they use. Asked once (CPUID traps to the hypervisor in a virtual machine).
#include <stdatomic.h>

#include "ferry_kernels.h"

#if defined(__x86_64__)
#include <cpuid.h>

static ferry_kernel detect(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return FERRY_KERNEL_PORTABLE;
    const int fma = (ecx >> 12) & 1, osxsave = (ecx >> 27) & 1, avx = (ecx >> 28) & 1;
    if (!(fma && osxsave && avx)) return FERRY_KERNEL_PORTABLE;
    unsigned int low, high;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    const unsigned long long saved = ((unsigned long long)high << 32) | low;
    if ((saved & 0x6) != 0x6) return FERRY_KERNEL_PORTABLE;  // XMM and YMM state
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return FERRY_KERNEL_PORTABLE;
    const int avx2 = (ebx >> 5) & 1, avx512f = (ebx >> 16) & 1;
    if (avx512f && (saved & 0xE6) == 0xE6) return FERRY_KERNEL_AVX512;  // + opmask, ZMM0-15 upper, ZMM16-31
    return avx2 ? FERRY_KERNEL_AVX2 : FERRY_KERNEL_PORTABLE;
}
#else
static ferry_kernel detect(void) { return FERRY_KERNEL_PORTABLE; }
#endif

ferry_kernel ferry_kernel_fastest(void) {
    static atomic_int known = -1;
    int kernel = atomic_load_explicit(&known, memory_order_relaxed);
    if (kernel < 0) {
        kernel = (int)detect();
        atomic_store_explicit(&known, kernel, memory_order_relaxed);
    }
    return (ferry_kernel)kernel;
}
