// Links libz.so.1, a library outside the check's allow-list, so scripts/check-lambda-binary must reject it.
#include <stdio.h>

extern const char *zlibVersion(void);

int main(void) {
    printf("%s\n", zlibVersion());
    return 0;
}
