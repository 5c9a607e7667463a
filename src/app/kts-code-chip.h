/* kts-code-chip.h: small buttons that name a code and jump to it in the Codebook view.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-project.h"

G_BEGIN_DECLS

/* A pill-shaped button with the code's colour and name (or @label, when not
 * NULL) that activates "codebook-view.show-code" with the code's guid; its
 * tooltip and accessible name carry the key. A code that @project hides
 * (bracketing) gives an insensitive chip marked with a lock. */
GtkWidget *kts_code_chip_new (KtsProject *project, KtsCode *code, const char *label);
/* A chip for @key: a button when the project's codebook has the key, else a
 * plain label naming the key, marked as not in this codebook. */
GtkWidget *kts_code_chip_new_for_key (KtsProject *project, const char *key, const char *label);

/* A box that wraps its chips onto more lines when it runs out of width. */
GtkWidget *kts_chip_box_new (void);
void       kts_chip_box_append (GtkWidget *box, GtkWidget *chip);

G_END_DECLS
