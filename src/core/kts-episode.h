/* kts-episode.h: one rupture-and-repair episode, its moves and edges.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kts-item.h"
#include "kts-enums.h"
#include "kts-case.h"
#include "kts-document.h"
#include "kts-move.h"
#include "kts-edge.h"

G_BEGIN_DECLS

#define KTS_TYPE_EPISODE (kts_episode_get_type ())
G_DECLARE_FINAL_TYPE (KtsEpisode, kts_episode, KTS, EPISODE, KtsItem)

/*
 * Properties (all writable but guid, moves and edges):
 *   guid
 *   name                string
 *   case                KtsCase, may be NULL (a vignette with no named case)
 *   document            KtsDocument, may be NULL: the transcript it comes from
 *   start, end          uint: its range in that document (code points)
 *   rupture-types       string: sequence such as "W", "C", "W>C"
 *   initiator           KtsInitiator
 *   temporal-pattern, course, intensity, alliance-component, repair-mode,
 *   detected-by         string (brief A.0 episode attributes)
 *   resolution          KtsResolution
 *   themes              string: space-separated theme ids, "1a 2c"
 *   pattern-formula     string
 *   status              KtsEpisodeStatus
 *   moves               GListModel of KtsMove, in event order (read-only)
 *   edges               GListModel of KtsEdge (read-only)
 */

KtsEpisode      *kts_episode_new (const char *guid, const char *name);
const char      *kts_episode_get_name (KtsEpisode *self);
KtsCase         *kts_episode_get_case (KtsEpisode *self);
KtsDocument     *kts_episode_get_document (KtsEpisode *self);
guint            kts_episode_get_start (KtsEpisode *self);
guint            kts_episode_get_end (KtsEpisode *self);
const char      *kts_episode_get_rupture_types (KtsEpisode *self);
KtsInitiator     kts_episode_get_initiator (KtsEpisode *self);
const char      *kts_episode_get_temporal_pattern (KtsEpisode *self);
const char      *kts_episode_get_course (KtsEpisode *self);
const char      *kts_episode_get_intensity (KtsEpisode *self);
const char      *kts_episode_get_alliance_component (KtsEpisode *self);
const char      *kts_episode_get_repair_mode (KtsEpisode *self);
const char      *kts_episode_get_detected_by (KtsEpisode *self);
KtsResolution    kts_episode_get_resolution (KtsEpisode *self);
const char      *kts_episode_get_themes (KtsEpisode *self);
const char      *kts_episode_get_pattern_formula (KtsEpisode *self);
KtsEpisodeStatus kts_episode_get_status (KtsEpisode *self);
GListModel      *kts_episode_get_moves (KtsEpisode *self);
GListModel      *kts_episode_get_edges (KtsEpisode *self);
KtsMove         *kts_episode_lookup_move (KtsEpisode *self, const char *guid);

G_END_DECLS
