// Two cores on one job: the calling thread runs part 0 and Ferry's one partner thread part 1, the
// two meeting at barriers the work calls. The partner is started on first use (never when the
// library loads: a process that loads Ferry and then forks must not have threads by then) and again
// in a forked child, where the parent's partner does not exist. Between jobs it spins a little,
// then sleeps on a condition variable. One job at a time: a second caller is told so and works alone.
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <unistd.h>

#include "ferry_kernels.h"

/// Pause instructions a waiter spins before it yields its core (a partner not running on a core).
#define SPINS_BEFORE_YIELDING 20000
/// Pause instructions the idle partner spins for the next job before it sleeps (about 50-100 µs).
#define SPINS_BEFORE_SLEEPING 4000

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t posted = PTHREAD_COND_INITIALIZER;
static atomic_long job_number;
static atomic_long done_number;
static atomic_int busy;
static pid_t partner_process;
static void (*job_work)(void *context, int part);
static void *job_context;
/// Barriers each part has reached in this job.
static atomic_long meetings[2];

static inline void relax(void) {
#if defined(__x86_64__)
    __builtin_ia32_pause();
#endif
}

/// Waits until `counter` reaches `value`: spins, then yields the core between looks.
static void wait_for(atomic_long *counter, long value) {
    for (long spin = 0; atomic_load_explicit(counter, memory_order_acquire) < value; spin++) {
        if (spin < SPINS_BEFORE_YIELDING) relax();
        else sched_yield();
    }
}

static void *partner(void *start) {
    long seen = (long)start;
    for (;;) {
        long spin = 0;
        while (atomic_load_explicit(&job_number, memory_order_acquire) == seen && spin++ < SPINS_BEFORE_SLEEPING) relax();
        if (atomic_load_explicit(&job_number, memory_order_acquire) == seen) {
            pthread_mutex_lock(&mutex);
            while (atomic_load_explicit(&job_number, memory_order_acquire) == seen) pthread_cond_wait(&posted, &mutex);
            pthread_mutex_unlock(&mutex);
        }
        seen = atomic_load_explicit(&job_number, memory_order_acquire);
        job_work(job_context, 1);
        atomic_store_explicit(&done_number, seen, memory_order_release);
    }
    return NULL;
}

/// Starts the partner in this process if it has none (first use, or a child forked since); 0 or -1.
static int ensure_partner(void) {
    const pid_t process = getpid();
    if (partner_process == process) return 0;
    // In a forked child the parent's lock and condition may be mid-use by a thread that is not here.
    pthread_mutex_init(&mutex, NULL);
    pthread_cond_init(&posted, NULL);
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_t thread;
    const long start = atomic_load_explicit(&job_number, memory_order_acquire);
    atomic_store_explicit(&done_number, start, memory_order_release);
    const int failed = pthread_create(&thread, &attributes, partner, (void *)start);
    pthread_attr_destroy(&attributes);
    if (failed) return -1;
    partner_process = process;
    return 0;
}

int ferry_pair_run(void (*work)(void *context, int part), void *context) {
    int free = 0;
    if (!atomic_compare_exchange_strong(&busy, &free, 1)) return -1;
    if (ensure_partner() != 0) {
        atomic_store_explicit(&busy, 0, memory_order_release);
        return -1;
    }
    atomic_store_explicit(&meetings[0], 0, memory_order_relaxed);
    atomic_store_explicit(&meetings[1], 0, memory_order_relaxed);
    job_work = work;
    job_context = context;
    pthread_mutex_lock(&mutex);
    const long job = atomic_fetch_add_explicit(&job_number, 1, memory_order_acq_rel) + 1;
    pthread_cond_signal(&posted);
    pthread_mutex_unlock(&mutex);
    work(context, 0);
    wait_for(&done_number, job);
    atomic_store_explicit(&busy, 0, memory_order_release);
    return 0;
}

void ferry_pair_meet(int part) {
    const long reached = atomic_load_explicit(&meetings[part], memory_order_relaxed) + 1;
    atomic_store_explicit(&meetings[part], reached, memory_order_release);
    wait_for(&meetings[1 - part], reached);
}
