/* kts-map-layout.h: turns an episode into process-map geometry (no drawing).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout is pure and deterministic: the same episode, options and card
 * measurements always give the same numbers. Units are typographic points
 * (1/72 inch); the painter scales them to the target surface.
 */
#pragma once

#include "kts-core.h"

G_BEGIN_DECLS

typedef enum
{
  KTS_MAP_ARRANGEMENT_SURFACE, /* Outside, T·SD, C·SD, spine, T·REL, C·REL, analyst */
  KTS_MAP_ARRANGEMENT_DYAD,    /* Outside, T·REL, T·SD, spine, C·SD, C·REL, analyst */
  /* The flowchart of brief B.3.1 (analysis step 3): one box per move in one
   * chronological chain, therapist boxes above the axis, client boxes below,
   * outside events inset above; no dimension, so it needs no theory layer. */
  KTS_MAP_ARRANGEMENT_FLOWCHART, /* Outside, Therapist, axis (spine), Client */
} KtsMapArrangement;

typedef enum
{
  KTS_LANE_OUTSIDE,
  KTS_LANE_T_SD,
  KTS_LANE_C_SD,
  KTS_LANE_SPINE,
  KTS_LANE_T_REL,
  KTS_LANE_C_REL,
  KTS_LANE_ANALYST,
  KTS_LANE_THERAPIST, /* flowchart only */
  KTS_LANE_CLIENT,    /* flowchart only */
  KTS_N_LANES
} KtsLaneId;

typedef struct
{
  double x;
  double y;
} KtsMapPoint;

typedef struct
{
  KtsLaneId id;
  gboolean  visible; /* FALSE when collapsed (no card in it) */
  double    y;
  double    height;
} KtsMapLane;

/* One card. A move in both dimensions has two cards (one per lane), each
 * naming the other as its twin (never in the flowchart: one box per move). */
typedef struct
{
  KtsMove  *move; /* (transfer none) */
  guint     move_index;
  KtsLaneId lane;
  guint     column;
  double    x;
  double    y;
  double    width;
  double    height;
  int       twin;   /* index of the twin card, or -1 */
  gboolean  manual; /* placed where the analyst put it */
} KtsMapCard;

/* A run of consecutive moves in one phase; phases may repeat. */
typedef struct
{
  KtsPhase phase;
  guint    ordinal; /* 1 for the first band of this phase, 2 for the second … */
  double   x0;
  double   x1;
} KtsMapBand;

/* A session tick on the spine where the session reference changes. */
typedef struct
{
  double x;
  char  *text;
} KtsMapTick;

typedef struct
{
  KtsEdge *edge; /* (transfer none); NULL for a same-event twin bar or a
                  * flowchart's chain arrow from one move to the next */
  KtsEdgeType type;
  int         from_card;
  int         to_card;
  guint       n_points;
  KtsMapPoint points[6];
} KtsMapRoute;

/* Measures the height a card needs at @width: header, label, quote, anchor
 * and footer lines. The painter supplies a Pango-based one. */
typedef double (*KtsMapMeasureFunc) (KtsMove  *move,
                                     KtsLaneId lane,
                                     double    width,
                                     gpointer  user_data);

typedef struct
{
  KtsMapArrangement arrangement;
  double            card_width;       /* default 200 */
  double            column_gap;       /* default 36: room for edge routing */
  double            lane_padding;     /* default 14 above and below cards */
  double            lane_label_width; /* default 110: the lane names on the left */
  double            spine_height;     /* default 56 */
  double            min_lane_height;  /* default 60 */
  gboolean          collapse_empty;   /* default TRUE */
  double            min_step;         /* default 84: the least step from one move to the next;
                                       * a card width and gap or more gives one column per move */
  double band_header_height;          /* default 0: a strip above the lanes for phase names */
  double spine_top_reserve;    /* default 0: room on the spine above its cards (rupture bar) */
  double spine_bottom_reserve; /* default 0: room below them (session ticks) */
  /* Per move (n_row_starts of them), or NULL: a move flagged here starts
   * after every card before it, so a row of a poster may begin there
   * without cutting a card. */
  const guint8     *row_starts;
  guint             n_row_starts;
  KtsMapMeasureFunc measure; /* NULL = a fixed height of 120 */
  gpointer          measure_data;
} KtsMapLayoutOptions;

typedef struct
{
  KtsMapArrangement arrangement;
  double            width;
  double            height;
  double            content_x; /* where the first column starts */
  double            spine_y;   /* centre line of the spine */
  KtsMapLane        lanes[KTS_N_LANES];
  GArray           *cards;  /* KtsMapCard */
  GArray           *bands;  /* KtsMapBand */
  GArray           *ticks;  /* KtsMapTick */
  GArray           *routes; /* KtsMapRoute */
  guint             n_columns;
  guint8 *clean_start; /* per column: every earlier card ends before it (a row may break here) */
} KtsMapLayout;

void          kts_map_layout_options_init (KtsMapLayoutOptions *options);
KtsMapLayout *kts_map_layout_compute (KtsEpisode *episode, const KtsMapLayoutOptions *options);
void          kts_map_layout_free (KtsMapLayout *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsMapLayout, kts_map_layout_free)

/* Order of lanes from top to bottom for an arrangement: all KTS_N_LANES,
 * those the arrangement does not use (kts_map_arrangement_has_lane()) last. */
const KtsLaneId *kts_map_lane_order (KtsMapArrangement arrangement);
/* Whether @arrangement shows @lane at all. */
gboolean kts_map_arrangement_has_lane (KtsMapArrangement arrangement, KtsLaneId lane);
/* Whether @arrangement shows theory (dimensions, codes, the analyst
 * reading): FALSE for the flowchart, which bracketing leaves available. */
gboolean kts_map_arrangement_shows_theory (KtsMapArrangement arrangement);
/* Whether the flowchart draws an edge of @type: the chain ("next") and the
 * edges that need no theory (responds_to, escalates, repairs, fails), not
 * the analyst's veils, the informs of subtheme 2a, or same_event. */
gboolean kts_map_flowchart_shows_edge (KtsEdgeType type);
/* The lane (or lanes, for both dimensions) a move belongs in in the process
 * map (surface and dyad); returns how many were written to @lanes (1 or 2). */
guint kts_map_lanes_for_move (KtsMove *move, KtsLaneId lanes[2]);
/* The same for any arrangement: in the flowchart always one lane. */
guint kts_map_arrangement_lanes_for_move (KtsMapArrangement arrangement,
                                          KtsMove          *move,
                                          KtsLaneId         lanes[2]);
/* Translated lane name, e.g. "T · SD". */
const char *kts_map_lane_label (KtsLaneId lane);
/* Index of the card at a point, or -1. */
int kts_map_layout_hit_card (KtsMapLayout *layout, double x, double y);

G_END_DECLS
