/* kts-error.c: the Kintsugi error domain.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kts-error.h"

/* clang-format off */
G_DEFINE_QUARK (kts-error-quark, kts_error)
/* clang-format on */
