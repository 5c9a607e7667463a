/* kts-sequence-matrix.h: a lag-1 transition matrix drawn as a heatmap of adjusted residuals.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-sequence.h"

G_BEGIN_DECLS

#define KTS_TYPE_SEQUENCE_MATRIX (kts_sequence_matrix_get_type ())
G_DECLARE_FINAL_TYPE (KtsSequenceMatrix, kts_sequence_matrix, KTS, SEQUENCE_MATRIX, GtkWidget)

/*
 * Rows are the state at t ("given"), columns the state at t + 1. Each cell is
 * tinted by its adjusted residual z on a diverging scale (more often than
 * chance one way, less often the other) and shows the count and z; cells
 * with |z| ≥ 1.96 are also bold and carry a dot, so colour is never the only
 * cue. The pointer shows a tooltip; the arrow keys move a cursor cell.
 *
 * Property "cursor" (int): the cell under the keyboard cursor, row × n + column,
 * or -1.
 */
GtkWidget *kts_sequence_matrix_new (void);
/* Shows @transitions (transfer full; NULL shows nothing). */
void kts_sequence_matrix_set_transitions (KtsSequenceMatrix *self, KtsTransitions *transitions);
const KtsTransitions *kts_sequence_matrix_get_transitions (KtsSequenceMatrix *self);
int                   kts_sequence_matrix_get_cursor (KtsSequenceMatrix *self);
void                  kts_sequence_matrix_set_cursor (KtsSequenceMatrix *self, int cursor);
/* What the cell (@row, @column) says in words: n, p, expected, z, Yule's Q. */
char *kts_sequence_matrix_dup_cell_description (KtsSequenceMatrix *self, guint row, guint column);

G_END_DECLS
