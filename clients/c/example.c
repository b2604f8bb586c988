/* libferry from C: open a bundle, print its facts, predict its golden inputs, and show that bad
 * input is an error code, never a crash. Run by scripts/test-c-example in make test. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ferry.h"

static int failures = 0, checks = 0;

static void check(int condition, const char *what) {
    printf("%s %s\n", condition ? "ok  " : "FAIL", what);
    checks++;
    if (!condition) failures++;
}

/* 400 daily bars of a gentle random walk and a reference series (the second instrument the
 * model's correlation feature reads) on the same days, from a fixed generator. */
enum { BAR_COUNT = 400, THREADS = 8 };
static int64_t bar_times[BAR_COUNT];
static double bars[BAR_COUNT * 6];
static double reference[BAR_COUNT];

static void make_bars(void) {
    uint64_t state = 42;
    double close = 100.0;
    for (int i = 0; i < BAR_COUNT; i++) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        double step = ((double)(state >> 11) / 9007199254740992.0 - 0.5) * 2.0;
        double open = close;
        close = open + step;
        double high = fmax(open, close) + 0.5, low = fmin(open, close) - 0.5;
        double row[6] = {open, high, low, close, close, 1e6 + i};
        memcpy(&bars[i * 6], row, sizeof row);
        bar_times[i] = 1577836800 + (int64_t)i * 86400; /* from 2020-01-01 */
        reference[i] = 50.0 + step * 3.0 + (double)(i % 7);
    }
}

/* What each thread of the concurrency check is given and gives back. */
typedef struct {
    const ferry_model *model;
    const char *const *columns;
    size_t column_count;
    const double *rows;
    size_t row_count;
    double *predictions;
    int status;
} predict_job;

static void *predict_many_times(void *argument) {
    predict_job *job = argument;
    for (int round = 0; round < 50 && job->status == FERRY_OK; round++) {
        job->status = ferry_predict(job->model, job->columns, job->column_count, job->rows, job->row_count, 1, job->predictions, NULL, NULL);
    }
    return NULL;
}

/* Features from the bars, predicted once on this thread and then by THREADS threads at once on the
 * one handle: every thread must give the same bits. */
static void check_features_and_threads(ferry_model *model) {
    make_bars();
    double *features = NULL;
    size_t rows = 0, first = 0;
    char *error = NULL;
    int status = ferry_features_from_bars(model, bar_times, bars, BAR_COUNT, NULL, NULL, 0, &features, &rows, &first, &error);
    check(status == FERRY_INVALID_ARGUMENT && error != NULL && strstr(error, "reference") != NULL,
          "a model whose features read a reference series asks for it");
    ferry_string_free(error);
    error = NULL;
    status = ferry_features_from_bars(model, bar_times, bars, BAR_COUNT, bar_times, reference, BAR_COUNT, &features, &rows, &first, &error);
    check(status == FERRY_OK && features != NULL && first > 0 && first + rows == BAR_COUNT, "features come from raw bars, the warm-up dropped");
    if (status != FERRY_OK) {
        fprintf(stderr, "%s\n", error ? error : "?");
        ferry_string_free(error);
        return;
    }
    /* The feature names, in schema order, from the model's facts. */
    char *info = ferry_model_info_json(model);
    const char *names[64];
    char copies[64][32];
    size_t count = 0;
    for (const char *at = strstr(info, "\"features\":[") + 12; *at != ']' && count < 64;) {
        const char *end = strchr(at + 1, '"');
        snprintf(copies[count], sizeof copies[count], "%.*s", (int)(end - at - 1), at + 1);
        names[count] = copies[count];
        count++;
        at = end + 1;
        if (*at == ',') at++;
    }
    ferry_string_free(info);

    double *alone = calloc(rows, sizeof(double));
    status = ferry_predict(model, names, count, features, rows, 1, alone, NULL, NULL);
    check(status == FERRY_OK && isfinite(alone[rows - 1]), "the features predict in strict mode (every column named)");

    double last = NAN;
    status = ferry_predict_last(model, names, count, features, rows, 1, &last, NULL, NULL);
    check(status == FERRY_OK && memcmp(&last, &alone[rows - 1], sizeof last) == 0, "predict_last is the last prediction, to the bit");

    pthread_t threads[THREADS];
    predict_job jobs[THREADS];
    for (int t = 0; t < THREADS; t++) {
        jobs[t] = (predict_job){model, names, count, features, rows, calloc(rows, sizeof(double)), FERRY_OK};
        pthread_create(&threads[t], NULL, predict_many_times, &jobs[t]);
    }
    int same = 1;
    for (int t = 0; t < THREADS; t++) {
        pthread_join(threads[t], NULL);
        same = same && jobs[t].status == FERRY_OK && memcmp(jobs[t].predictions, alone, rows * sizeof(double)) == 0;
        free(jobs[t].predictions);
    }
    check(same, "8 threads predicting on one handle at once give the same bits");
    free(alone);
    ferry_values_free(features);

    bars[7 * 6 + 1] = bars[7 * 6 + 2] - 1; /* bar 7: high below low */
    status = ferry_features_from_bars(model, bar_times, bars, BAR_COUNT, bar_times, reference, BAR_COUNT, &features, &rows, &first, &error);
    check(status == FERRY_INVALID_DATA && error != NULL && strstr(error, "row 7") != NULL, "a broken bar is refused by its row");
    ferry_string_free(error);
    check(ferry_features_from_bars(model, NULL, bars, BAR_COUNT, NULL, NULL, 0, &features, &rows, &first, NULL) == FERRY_INVALID_ARGUMENT,
          "NULL timestamps are an error");
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: example BUNDLE.tar.gz\n");
        return 64;
    }
    check(ferry_abi_version() == FERRY_ABI_VERSION, "the library's ABI version is the header's");
    printf("libferry %s\n", ferry_version());

    ferry_model *model = NULL;
    char *error = NULL;
    int status = ferry_open_path(argv[1], NULL, 0, &model, &error);
    check(status == FERRY_OK && model != NULL, "the bundle opens, verified");
    if (status != FERRY_OK) {
        fprintf(stderr, "%s\n", error ? error : "?");
        ferry_string_free(error);
        return 1;
    }
    char *info = ferry_model_info_json(model);
    check(info != NULL && strstr(info, "\"name\":\"SPX-lasso\"") != NULL, "its facts name the model");
    printf("%.120s...\n", info ? info : "(null)");
    ferry_string_free(info);

    /* One row with a single feature: the other 38 are filled with 0 and reported. */
    const char *columns[] = {"sma_5"};
    double values[] = {2500.0};
    double prediction = NAN;
    char *warnings = NULL;
    status = ferry_predict(model, columns, 1, values, 1, 0, &prediction, &warnings, &error);
    check(status == FERRY_OK && isfinite(prediction), "a row with one feature predicts");
    check(warnings != NULL && strstr(warnings, "38 of 39 features missing") != NULL, "and says what was filled");
    ferry_string_free(warnings);

    status = ferry_predict(model, columns, 1, values, 1, 1, &prediction, NULL, &error);
    check(status == FERRY_INVALID_DATA && error != NULL && strstr(error, "rsi_14") != NULL, "strict mode refuses it, naming what is missing");
    ferry_string_free(error);
    error = NULL;

    check(ferry_predict(NULL, columns, 1, values, 1, 0, &prediction, NULL, NULL) == FERRY_INVALID_ARGUMENT, "a NULL handle is an error");
    check(ferry_predict(model, NULL, 1, values, 1, 0, &prediction, NULL, NULL) == FERRY_INVALID_ARGUMENT, "NULL columns are an error");
    check(ferry_predict(model, columns, 1, values, (size_t)1 << 62, 0, &prediction, NULL, NULL) == FERRY_INVALID_ARGUMENT,
          "a row count past the limit is an error, not an overflow");
    double nan_row[] = {NAN};
    check(ferry_predict(model, columns, 1, nan_row, 1, 0, &prediction, NULL, NULL) == FERRY_INVALID_DATA, "a NaN cell is an error");

    ferry_model *missing = NULL;
    status = ferry_open_path("/no/such/bundle.tar.gz", NULL, 0, &missing, &error);
    check(status == FERRY_NOT_FOUND && missing == NULL && error != NULL, "a missing bundle is not found");
    ferry_string_free(error);
    error = NULL;
    const uint8_t garbage[] = {0x1f, 0x8b, 0x08, 0x00, 0x00};
    check(ferry_open_bytes(garbage, sizeof garbage, NULL, 0, &missing, NULL) == FERRY_INTEGRITY, "truncated bytes fail integrity");
    check(ferry_open_path(argv[1], NULL, 1, &missing, NULL) == FERRY_AUTHENTICITY, "an unsigned bundle fails when a signature is required");
    check(ferry_open_path(NULL, NULL, 0, &missing, NULL) == FERRY_INVALID_ARGUMENT, "a NULL path is an error");

    check_features_and_threads(model);

    ferry_model_close(model);
    ferry_model_close(NULL);
    ferry_model_close(model); /* twice: ignored */
    check(ferry_predict(model, columns, 1, values, 1, 0, &prediction, NULL, NULL) == FERRY_INVALID_ARGUMENT,
          "a closed handle is an error, not a read of freed memory");
    check(ferry_model_info_json(model) == NULL, "and has no facts");
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
