/* kts-map-fixture.c: builds episodes from the event tables in tests/data/map.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kts-map-fixture.h"
#include "kts-model-private.h"

static KtsPhase
parse_phase (const char *s)
{
  if (g_str_equal (s, "B"))
    return KTS_PHASE_BEFORE;
  if (g_str_equal (s, "R"))
    return KTS_PHASE_RUPTURE;
  if (g_str_equal (s, "Rp"))
    return KTS_PHASE_REPAIR;
  if (g_str_equal (s, "A"))
    return KTS_PHASE_AFTER;
  return KTS_PHASE_UNSET;
}

static KtsDimension
parse_dimension (const char *s)
{
  if (g_str_equal (s, "SD"))
    return KTS_DIMENSION_SELF_DEFINITION;
  if (g_str_equal (s, "REL"))
    return KTS_DIMENSION_RELATEDNESS;
  if (g_str_equal (s, "both"))
    return KTS_DIMENSION_BOTH;
  return KTS_DIMENSION_NONE;
}

static KtsLocation
parse_location (const char *s)
{
  if (g_str_equal (s, "in"))
    return KTS_LOCATION_IN_SESSION;
  if (g_str_equal (s, "btw"))
    return KTS_LOCATION_BETWEEN_SESSIONS;
  if (g_str_equal (s, "out"))
    return KTS_LOCATION_OUTSIDE;
  return KTS_LOCATION_UNSET;
}

static KtsChannel
parse_channel (const char *s)
{
  if (g_str_equal (s, "f2f"))
    return KTS_CHANNEL_FACE_TO_FACE;
  if (g_str_equal (s, "phone"))
    return KTS_CHANNEL_PHONE;
  if (g_str_equal (s, "text"))
    return KTS_CHANNEL_TEXT;
  if (g_str_equal (s, "online"))
    return KTS_CHANNEL_ONLINE;
  return KTS_CHANNEL_UNSET;
}

static int
parse_enum (GType type, const char *s, int fallback)
{
  int value;

  if (kts_enum_from_nick (type, s, &value))
    return value;
  return fallback;
}

KtsEpisode *
kts_map_fixture_load (const char *name)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  KtsEpisode *episode;
  GListStore *moves, *edges;

  path = g_test_build_filename (G_TEST_DIST, "data", "map", name, NULL);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  episode = kts_episode_new (NULL, name);
  moves = _kts_episode_get_moves_store (episode);
  edges = _kts_episode_get_edges_store (episode);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      f = g_strsplit (lines[i], "|", -1);

      if (g_str_equal (f[0], "episode"))
        {
          g_assert_cmpuint (g_strv_length (f), ==, 3);
          if (g_str_equal (f[1], "initiator"))
            g_object_set (episode, "initiator", parse_enum (KTS_TYPE_INITIATOR, f[2], 0), NULL);
          else
            g_object_set (episode, f[1], f[2], NULL);
        }
      else if (g_str_equal (f[0], "attribution"))
        {
          /* attribution|ID|why the case attribution is uncertain */
          KtsMove *move;

          g_assert_cmpuint (g_strv_length (f), ==, 3);
          move = g_hash_table_lookup (by_id, f[1]);
          g_assert_nonnull (move);
          g_object_set (move, "attribution-doubt", f[2], NULL);
        }
      else if (g_str_equal (f[0], "edge"))
        {
          KtsMove *from, *to;
          g_autoptr (KtsEdge) edge = NULL;

          g_assert_cmpuint (g_strv_length (f), ==, 5);
          from = g_hash_table_lookup (by_id, f[2]);
          to = g_hash_table_lookup (by_id, f[3]);
          g_assert_nonnull (from);
          g_assert_nonnull (to);
          edge = kts_edge_new (NULL, parse_enum (KTS_TYPE_EDGE_TYPE, f[1], -1), from, to);
          g_assert_cmpint (kts_edge_get_edge_type (edge), >=, 0);
          if (f[4][0] != '\0')
            g_object_set (edge, "count", atoi (f[4]), NULL);
          g_list_store_append (edges, edge);
        }
      else
        {
          g_autoptr (KtsMove) move = NULL;
          KtsActor actor = KTS_ACTOR_UNSET;

          g_assert_cmpuint (g_strv_length (f), ==, 10);
          move = kts_move_new (NULL, f[9]);
          if (g_str_equal (f[2], "T"))
            actor = KTS_ACTOR_THERAPIST;
          else if (g_str_equal (f[2], "C"))
            actor = KTS_ACTOR_CLIENT;
          else if (g_str_equal (f[2], "dyad"))
            actor = KTS_ACTOR_DYAD;
          else if (g_str_has_prefix (f[2], "third"))
            {
              actor = KTS_ACTOR_THIRD;
              if (f[2][5] == ':')
                g_object_set (move, "third-role", f[2] + 6, NULL);
            }

          g_object_set (move, "ident", f[0], "actor", actor, "phase", parse_phase (f[1]),
                        "dimension", parse_dimension (f[3]), "location", parse_location (f[4]),
                        "channel", parse_channel (f[5]), "role",
                        parse_enum (KTS_TYPE_MOVE_ROLE, f[6], KTS_MOVE_ROLE_NONE), "interpretation",
                        g_str_equal (f[7], "A") ? KTS_INTERPRETATION_ANALYST
                                                : KTS_INTERPRETATION_PARTICIPANT,
                        NULL);
          if (!g_str_equal (f[8], "-"))
            g_object_set (move, "session-ref", f[8], NULL);
          g_list_store_append (moves, move);
          g_hash_table_insert (by_id, (gpointer)kts_move_get_ident (move), move);
        }
    }

  return episode;
}

const char *const kts_map_fixture_names[] = {
  "case-a.txt", "case-b.txt", "case-c.txt", "case-d.txt", "case-e.txt", "vignette-toto-1.txt", NULL,
};
