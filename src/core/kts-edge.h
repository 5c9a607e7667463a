/* kts-edge.h: a typed link between two moves of an episode.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-item.h"
#include "kts-enums.h"
#include "kts-move.h"

G_BEGIN_DECLS

#define KTS_TYPE_EDGE (kts_edge_get_type ())
G_DECLARE_FINAL_TYPE (KtsEdge, kts_edge, KTS, EDGE, KtsItem)

/*
 * Properties: guid (construct-only), edge-type (KtsEdgeType, writable),
 * source and target (KtsMove, construct-only), count (int, writable: the "×n"
 * of an escalates loop, 0 = not given), label (string, writable).
 */

KtsEdge    *kts_edge_new (const char *guid, KtsEdgeType type, KtsMove *source, KtsMove *target);
KtsEdgeType kts_edge_get_edge_type (KtsEdge *self);
KtsMove    *kts_edge_get_source (KtsEdge *self);
KtsMove    *kts_edge_get_target (KtsEdge *self);
int         kts_edge_get_count (KtsEdge *self);
const char *kts_edge_get_label (KtsEdge *self);

G_END_DECLS
