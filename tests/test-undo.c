/* test-undo.c: every project operation, its undo and redo, groups, the dirty
 * state, and validation that changes nothing on failure.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-test"

#include "config.h"

#include <string.h>

#include "kts-core.h"
#include "kts-model-private.h"
#include "kts-project-private.h"
#include "kts-test-util.h"

/* ---- Helpers ------------------------------------------------------------------ */

#define KEY(project, key) kts_codebook_lookup_key (kts_project_get_codebook (project), key)

static KtsDocument *
doc (KtsProject *project, const char *title)
{
  KtsDocument *document = kts_project_find_document (project, title);

  g_assert_nonnull (document);
  return document;
}

static KtsEpisode *
episode_a1 (KtsProject *project)
{
  KtsEpisode *episode = kts_project_find_episode (project, "a-1");

  g_assert_nonnull (episode);
  return episode;
}

/* Move @index of @episode, (transfer none). */
static KtsMove *
move_at (KtsEpisode *episode, guint index)
{
  g_autoptr (KtsMove) move = g_list_model_get_item (kts_episode_get_moves (episode), index);

  g_assert_nonnull (move);
  return move;
}

static KtsCoding *
coding_at (KtsDocument *document, guint index)
{
  g_autoptr (KtsCoding) coding = g_list_model_get_item (kts_document_get_codings (document), index);

  g_assert_nonnull (coding);
  return coding;
}

/* After one operation on a clean project whose dump was @before: the change
 * shows, undo restores @before exactly, redo restores the changed state, and
 * the undo label, dirty and can-undo/redo follow. */
static void
check_undo_redo (KtsProject *project, const char *before, const char *label)
{
  g_autofree char *after = kts_test_dump_project (project);
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_assert_cmpstr (before, !=, after);
  kts_test_assert_consistent (project);
  g_assert_true (kts_project_can_undo (project));
  g_assert_false (kts_project_can_redo (project));
  g_assert_true (kts_project_get_dirty (project));
  if (label != NULL)
    g_assert_cmpstr (kts_project_get_undo_label (project), ==, label);

  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (kts_project_undo (project));
      undone = kts_test_dump_project (project);
      kts_test_assert_dumps_equal (undone, before);
      kts_test_assert_consistent (project);
      g_assert_false (kts_project_get_dirty (project));
      g_assert_true (kts_project_can_redo (project));
      g_assert_false (kts_project_can_undo (project));
      if (label != NULL)
        g_assert_cmpstr (kts_project_get_redo_label (project), ==, label);
      g_clear_pointer (&undone, g_free);

      g_assert_true (kts_project_redo (project));
      redone = kts_test_dump_project (project);
      kts_test_assert_dumps_equal (redone, after);
      kts_test_assert_consistent (project);
      g_assert_true (kts_project_get_dirty (project));
      g_clear_pointer (&redone, g_free);
    }
}

/* After a refused operation: nothing changed, nothing was recorded. */
static void
check_unchanged (KtsProject *project, const char *before, guint64 serial)
{
  g_autofree char *now = kts_test_dump_project (project);

  kts_test_assert_dumps_equal (now, before);
  g_assert_false (kts_project_can_undo (project));
  g_assert_false (kts_project_get_dirty (project));
  g_assert_cmpuint (kts_project_get_change_serial (project), ==, serial);
  kts_test_assert_consistent (project);
}

/* ---- Generic edits ---------------------------------------------------------------- */

static void
test_set_string (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsCode         *code = KEY (project, "SD.isolation");

  kts_project_set_string (project, code, "definition", "Feeling alone.");
  g_assert_cmpstr (kts_code_get_definition (code), ==, "Feeling alone.");
  check_undo_redo (project, before, "Change definition of “Isolation”");

  /* "" is stored as NULL. */
  kts_project_set_string (project, code, "definition", "");
  g_assert_null (kts_code_get_definition (code));
}

/* The bracketing lock is content of the project: undoable, and it hides
 * exactly the theory layers. */
static void
test_set_theory_locked (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);

  g_assert_true (kts_code_is_theory_layer (KEY (project, "SD")));
  g_assert_true (kts_code_is_theory_layer (KEY (project, "SD.isolation")));
  g_assert_true (kts_code_is_theory_layer (KEY (project, "REL.closeness")));
  g_assert_false (kts_code_is_theory_layer (KEY (project, "RUP.W.silence")));
  g_assert_false (kts_project_hides_code (project, KEY (project, "SD.isolation")));

  kts_project_set_boolean (project, project, "theory-locked", TRUE);
  g_assert_true (kts_project_get_theory_locked (project));
  g_assert_true (kts_project_hides_code (project, KEY (project, "SD.isolation")));
  g_assert_true (kts_project_hides_code (project, KEY (project, "REL")));
  g_assert_false (kts_project_hides_code (project, KEY (project, "RUP.W")));
  check_undo_redo (project, before, "Hide theory layers");

  kts_project_set_boolean (project, project, "theory-locked", FALSE);
  g_assert_cmpstr (kts_project_get_undo_label (project), ==, "Show theory layers");
  g_assert_false (kts_project_hides_code (project, KEY (project, "SD.isolation")));
}

/* A key in a theory layer is enough, and so is an ancestor's family. */
static void
test_theory_layer_rules (void)
{
  g_autoptr (KtsCode) ks = kts_code_new (NULL, "Themes");
  g_autoptr (KtsCode) plain = kts_code_new (NULL, "Plain");
  g_autoptr (KtsCode) prefix_only = kts_code_new (NULL, "Not a layer");
  g_autoptr (KtsCode) family = kts_code_new (NULL, "Blatt family");

  g_object_set (ks, "key", "KS.2b", NULL);
  g_object_set (prefix_only, "key", "KSX.1", NULL);
  g_object_set (family, "family", "theme", NULL);
  g_assert_true (kts_code_is_theory_layer (ks));
  g_assert_false (kts_code_is_theory_layer (plain));
  g_assert_false (kts_code_is_theory_layer (prefix_only));
  g_assert_true (kts_code_is_theory_layer (family));
  g_object_set (plain, "dimension", KTS_DIMENSION_RELATEDNESS, NULL);
  g_assert_true (kts_code_is_theory_layer (plain));
}

static void
test_set_name_label (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);

  kts_project_set_string (project, KEY (project, "RUP.W.silence"), "name", "Quiet");
  check_undo_redo (project, before, "Rename “Silence”");
}

static void
test_set_key_reindexes (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsCode         *code = KEY (project, "SD.isolation");
  guint64          serial;

  kts_project_set_string (project, code, "key", "SD.iso");
  g_assert_true (KEY (project, "SD.iso") == code);
  g_assert_null (KEY (project, "SD.isolation"));
  check_undo_redo (project, before, NULL);

  kts_project_undo (project);
  g_assert_true (KEY (project, "SD.isolation") == code);
  g_assert_null (KEY (project, "SD.iso"));
  kts_project_redo (project);
  g_assert_true (KEY (project, "SD.iso") == code);

  /* Taking another code's key is refused. */
  kts_project_undo (project);
  kts_project_clear_undo (project);
  serial = kts_project_get_change_serial (project);
  g_test_expect_message ("kts-project", G_LOG_LEVEL_CRITICAL, "*");
  kts_project_set_string (project, code, "key", "SD.autonomy");
  g_test_assert_expected_messages ();
  check_unchanged (project, before, serial);
}

static void
test_set_coding_code_counts (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsCoding       *coding = coding_at (doc (project, "Session 4"), 0);
  KtsCode         *old_code = kts_coding_get_code (coding);
  KtsCode         *autonomy = KEY (project, "SD.autonomy");
  guint            n_old = kts_project_count_codings (project, old_code);
  guint            n_autonomy = kts_project_count_codings (project, autonomy);

  kts_project_set_object (project, coding, "code", autonomy);
  g_assert_true (kts_coding_get_code (coding) == autonomy);
  g_assert_cmpuint (kts_project_count_codings (project, old_code), ==, n_old - 1);
  g_assert_cmpuint (kts_project_count_codings (project, autonomy), ==, n_autonomy + 1);
  check_undo_redo (project, before, NULL);
}

static void
test_set_other_types (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  KtsEpisode      *episode = episode_a1 (project);
  KtsMove         *move = move_at (episode, 1);
  g_autofree char *before = NULL;

  before = kts_test_dump_project (project);
  kts_project_set_enum (project, move, "dimension", KTS_DIMENSION_BOTH);
  g_assert_cmpint (kts_move_get_dimension (move), ==, KTS_DIMENSION_BOTH);
  check_undo_redo (project, before, NULL);
  kts_project_clear_undo (project), kts_project_mark_clean (project);

  g_free (before), before = kts_test_dump_project (project);
  kts_project_set_double (project, move, "x", 120.25);
  g_assert_cmpfloat (kts_move_get_position (move, NULL, NULL), ==, FALSE);
  check_undo_redo (project, before, NULL);
  kts_project_clear_undo (project), kts_project_mark_clean (project);

  g_free (before), before = kts_test_dump_project (project);
  kts_project_set_boolean (project, move, "has-position", TRUE);
  g_assert_true (kts_move_get_position (move, NULL, NULL));
  check_undo_redo (project, before, NULL);
  kts_project_clear_undo (project), kts_project_mark_clean (project);

  g_free (before), before = kts_test_dump_project (project);
  kts_project_set_int (project, episode, "start", 19);
  g_assert_cmpuint (kts_episode_get_start (episode), ==, 19);
  check_undo_redo (project, before, NULL);
  kts_project_clear_undo (project), kts_project_mark_clean (project);

  g_free (before), before = kts_test_dump_project (project);
  kts_project_set_object (project, episode, "case", NULL);
  g_assert_null (kts_episode_get_case (episode));
  check_undo_redo (project, before, NULL);
  kts_project_clear_undo (project), kts_project_mark_clean (project);

  g_free (before), before = kts_test_dump_project (project);
  kts_project_set_string (project, kts_project_get_codebook (project), "name", "Mine");
  g_assert_cmpstr (kts_codebook_get_name (kts_project_get_codebook (project)), ==, "Mine");
  check_undo_redo (project, before, NULL);
  kts_project_clear_undo (project), kts_project_mark_clean (project);

  g_free (before), before = kts_test_dump_project (project);
  kts_project_set_title (project, "Another study");
  g_assert_cmpstr (kts_project_get_title (project), ==, "Another study");
  check_undo_redo (project, before, "Rename “Rupture study”");
  kts_project_clear_undo (project), kts_project_mark_clean (project);

  g_free (before), before = kts_test_dump_project (project);
  {
    g_auto (GValue) v = G_VALUE_INIT;

    g_value_init (&v, G_TYPE_STRING);
    g_value_set_string (&v, "memo by value");
    kts_project_set_property (project, coding_at (doc (project, "Sitzung 5"), 0), "memo", &v);
  }
  check_undo_redo (project, before, NULL);
}

static void
test_set_unchanged_records_nothing (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  guint64          serial = kts_project_get_change_serial (project);
  KtsCode         *code = KEY (project, "SD.isolation");

  kts_project_set_string (project, code, "name", "Isolation");
  kts_project_set_string (project, code, "notes", "");
  kts_project_set_int (project, code, "shortcut", 1);
  kts_project_set_boolean (project, code, "codable", TRUE);
  kts_project_set_title (project, "Rupture study");
  check_unchanged (project, before, serial);

  /* Only content is undoable: the project's file is not. */
  g_test_expect_message ("kts-project", G_LOG_LEVEL_CRITICAL, "*title*");
  kts_project_set_object (project, project, "file", NULL);
  g_test_assert_expected_messages ();
  check_unchanged (project, before, serial);
}

static void
test_set_shortcut_property_reassigns (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsCode         *iso = KEY (project, "SD.isolation");
  KtsCode         *silence = KEY (project, "RUP.W.silence");

  kts_project_set_int (project, silence, "shortcut", 1);
  g_assert_cmpint (kts_code_get_shortcut (silence), ==, 1);
  g_assert_cmpint (kts_code_get_shortcut (iso), ==, 0);
  check_undo_redo (project, before, "Set the shortcut of “Silence”");
}

/* ---- Documents --------------------------------------------------------------------- */

static void
test_add_document (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  g_autoptr (KtsDocument) document = kts_document_new (NULL, "Session 6", "T: Hello.\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsDocument) first = NULL;

  g_assert_true (kts_project_add_document (project, document, 0, &error));
  g_assert_no_error (error);
  first = g_list_model_get_item (kts_project_get_documents (project), 0);
  g_assert_true (first == document);
  g_assert_true (kts_project_lookup (project, kts_item_get_guid (KTS_ITEM (document)))
                 == KTS_ITEM (document));
  check_undo_redo (project, before, "Add document “Session 6”");

  kts_project_undo (project);
  g_assert_null (kts_project_lookup (project, kts_item_get_guid (KTS_ITEM (document))));
}

static void
item_removed_cb (KtsProject *project, KtsItem *item, gpointer user_data)
{
  g_hash_table_add (user_data, item);
}

static void
test_remove_document (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsDocument     *document = doc (project, "Session 4");
  KtsEpisode      *episode = episode_a1 (project);
  KtsMove         *withdraws = move_at (episode, 1);
  KtsCoding       *coding = coding_at (document, 1);
  KtsCoding       *anchor0 = g_ptr_array_index (kts_move_get_anchors (withdraws), 0);
  KtsCoding       *anchor1 = g_ptr_array_index (kts_move_get_anchors (withdraws), 1);
  g_autoptr (GHashTable) removed = g_hash_table_new (NULL, NULL);
  const char *guid = kts_item_get_guid (KTS_ITEM (document));
  guint       n_codings = kts_project_get_n_codings (project);

  g_assert_true (kts_episode_get_document (episode) == document);
  g_signal_connect (project, "item-removed", G_CALLBACK (item_removed_cb), removed);

  kts_project_remove_document (project, document);
  g_assert_null (kts_project_lookup (project, guid));
  g_assert_null (kts_episode_get_document (episode));
  g_assert_cmpuint (kts_project_get_n_codings (project), ==, n_codings - 3);
  /* The anchor into the removed document is gone, the other stays. */
  g_assert_cmpuint (kts_move_get_anchors (withdraws)->len, ==, 1);
  g_assert_true (g_ptr_array_index (kts_move_get_anchors (withdraws), 0) == anchor1);
  g_assert_cmpuint (kts_move_get_anchors (move_at (episode, 0))->len, ==, 0);
  g_assert_true (g_hash_table_contains (removed, document));
  g_assert_true (g_hash_table_contains (removed, coding));
  g_assert_cmpuint (g_hash_table_size (removed), ==, 4);

  check_undo_redo (project, before, "Remove document “Session 4”");

  /* Undo brings back the very same objects. */
  kts_project_undo (project);
  g_assert_true (kts_project_lookup (project, guid) == KTS_ITEM (document));
  g_assert_true (coding_at (document, 1) == coding);
  g_assert_true (kts_coding_get_document (coding) == document);
  g_assert_true (g_ptr_array_index (kts_move_get_anchors (withdraws), 0) == anchor0);
  g_assert_true (kts_episode_get_document (episode) == document);
}

static void
test_move_document (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsDocument     *document = doc (project, "Sitzung 5");
  g_autoptr (KtsDocument) first = NULL;
  guint64 serial = kts_project_get_change_serial (project);

  kts_project_move_document (project, document, 1);
  check_unchanged (project, before, serial);

  kts_project_move_document (project, document, 0);
  first = g_list_model_get_item (kts_project_get_documents (project), 0);
  g_assert_true (first == document);
  check_undo_redo (project, before, "Move document “Sitzung 5”");
}

static void
test_speaker_role (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsDocument     *document = doc (project, "Session 4");

  kts_project_set_speaker_role (project, document, 1, KTS_ROLE_INTERVIEWER);
  g_assert_cmpint (kts_document_get_speaker (document, 1)->role, ==, KTS_ROLE_INTERVIEWER);
  check_undo_redo (project, before, "Change the role of speaker “C” in “Session 4”");
}

static void
test_document_attribute (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  KtsDocument     *document = doc (project, "Session 4");
  g_autofree char *before = kts_test_dump_project (project);

  /* New attribute. */
  kts_project_set_document_attribute (project, document, "therapist", "T1");
  g_assert_cmpstr (kts_document_get_attribute (document, "therapist"), ==, "T1");
  check_undo_redo (project, before, "Set attribute “therapist” of “Session 4”");
  kts_project_undo (project);
  kts_project_clear_undo (project);

  /* Changed value. */
  kts_project_set_document_attribute (project, document, "session", "5");
  check_undo_redo (project, before, NULL);
  kts_project_undo (project);
  kts_project_clear_undo (project);

  /* Removed: undo puts it back in its place (the first one). */
  kts_project_set_document_attribute (project, document, "case", NULL);
  g_assert_null (kts_document_get_attribute (document, "case"));
  check_undo_redo (project, before, "Remove attribute “case” of “Session 4”");
}

/* ---- Codebook ----------------------------------------------------------------------- */

static void
test_add_code (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  g_autoptr (KtsCode) code = kts_code_new (NULL, "Confrontation");
  g_autoptr (GError) error = NULL;
  KtsCode *rup = KEY (project, "RUP");
  g_autoptr (KtsCode) first = NULL;

  g_object_set (code, "key", "RUP.C", NULL);
  g_assert_true (kts_project_add_code (project, code, rup, 0, &error));
  g_assert_no_error (error);
  g_assert_true (kts_code_get_parent (code) == rup);
  first = g_list_model_get_item (kts_code_get_children (rup), 0);
  g_assert_true (first == code);
  g_assert_true (KEY (project, "RUP.C") == code);
  g_assert_cmpuint (kts_codebook_get_n_codes (kts_project_get_codebook (project)), ==, 9);
  check_undo_redo (project, before, "Add code “Confrontation”");

  kts_project_undo (project);
  g_assert_null (kts_code_get_parent (code));
  g_assert_null (KEY (project, "RUP.C"));
}

static void
test_remove_code (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsCode         *rup = KEY (project, "RUP");
  KtsCode         *silence = KEY (project, "RUP.W.silence");
  KtsEpisode      *episode = episode_a1 (project);
  KtsMove         *withdraws = move_at (episode, 1);
  guint            n = kts_project_get_n_codings (project);

  g_assert_cmpuint (kts_project_count_codings (project, silence), ==, 2);
  kts_project_remove_code (project, rup);
  g_assert_null (KEY (project, "RUP"));
  g_assert_null (KEY (project, "RUP.W"));
  g_assert_null (KEY (project, "RUP.W.silence"));
  g_assert_null (kts_codebook_lookup_shortcut (kts_project_get_codebook (project), 4));
  g_assert_cmpuint (kts_project_get_n_codings (project), ==, n - 2);
  g_assert_cmpuint (kts_move_get_anchors (withdraws)->len, ==, 0);
  g_assert_cmpuint (kts_codebook_get_n_codes (kts_project_get_codebook (project)), ==, 5);
  check_undo_redo (project, before, "Remove code “Rupture”");

  kts_project_undo (project);
  g_assert_true (KEY (project, "RUP.W.silence") == silence);
  g_assert_true (kts_code_get_parent (kts_code_get_parent (silence)) == rup);
}

static void
test_move_code (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsCode         *silence = KEY (project, "RUP.W.silence");
  KtsCode         *rel = KEY (project, "REL");
  KtsCode         *sd = KEY (project, "SD");
  g_autoptr (GError) error = NULL;

  g_assert_true (kts_project_move_code (project, silence, rel, 0, &error));
  g_assert_no_error (error);
  g_assert_true (kts_code_get_parent (silence) == rel);
  check_undo_redo (project, before, "Move code “Silence”");
  kts_project_undo (project);
  kts_project_clear_undo (project);

  /* Within one parent: SD's children swap. */
  g_assert_true (kts_project_move_code (project, KEY (project, "SD.autonomy"), sd, 0, &error));
  {
    g_autoptr (KtsCode) first = g_list_model_get_item (kts_code_get_children (sd), 0);
    g_assert_true (first == KEY (project, "SD.autonomy"));
  }
  check_undo_redo (project, before, NULL);
  kts_project_undo (project);
  kts_project_clear_undo (project);

  /* To the top level, at the end. */
  g_assert_true (kts_project_move_code (project, silence, NULL, -1, &error));
  g_assert_null (kts_code_get_parent (silence));
  check_undo_redo (project, before, NULL);
}

static void
test_merge_codes (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsCode         *rup_w = KEY (project, "RUP.W");
  KtsCode         *silence = KEY (project, "RUP.W.silence");
  KtsCode         *closeness = KEY (project, "REL.closeness");
  KtsCode         *iso = KEY (project, "SD.isolation");
  g_autoptr (GError) error = NULL;
  guint n_silence = kts_project_count_codings (project, silence);
  guint n_closeness = kts_project_count_codings (project, closeness);

  /* Silence (with codings) into Closeness. */
  g_assert_true (kts_project_merge_codes (project, silence, closeness, &error));
  g_assert_no_error (error);
  g_assert_null (KEY (project, "RUP.W.silence"));
  g_assert_cmpuint (kts_project_count_codings (project, closeness), ==, n_silence + n_closeness);
  check_undo_redo (project, before, "Merge “Silence” into “Closeness”");
  kts_project_undo (project);
  kts_project_clear_undo (project);

  /* Withdrawal (with a sub-code) into Isolation: the sub-code moves over. */
  g_assert_true (kts_project_merge_codes (project, rup_w, iso, &error));
  g_assert_no_error (error);
  g_assert_true (kts_code_get_parent (silence) == iso);
  g_assert_null (KEY (project, "RUP.W"));
  check_undo_redo (project, before, NULL);
}

static void
test_code_shortcut (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsCodebook     *codebook = kts_project_get_codebook (project);
  KtsCode         *closeness = KEY (project, "REL.closeness");
  KtsCode         *iso = KEY (project, "SD.isolation");

  kts_project_set_code_shortcut (project, closeness, 1);
  g_assert_true (kts_codebook_lookup_shortcut (codebook, 1) == closeness);
  g_assert_null (kts_codebook_lookup_shortcut (codebook, 3));
  g_assert_cmpint (kts_code_get_shortcut (iso), ==, 0);
  check_undo_redo (project, before, "Set the shortcut of “Closeness”");
  kts_project_undo (project);
  kts_project_clear_undo (project);

  kts_project_set_code_shortcut (project, closeness, 0);
  g_assert_null (kts_codebook_lookup_shortcut (codebook, 3));
  check_undo_redo (project, before, NULL);
}

static void
codebook_changed_cb (KtsCodebook *codebook, gpointer user_data)
{
  (*(guint *)user_data)++;
}

static void
test_bump_codebook_version (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char         *before = kts_test_dump_project (project);
  KtsCodebook             *codebook = kts_project_get_codebook (project);
  const KtsChangelogEntry *entry;
  guint                    changed = 0;

  g_signal_connect (codebook, "changed", G_CALLBACK (codebook_changed_cb), &changed);
  kts_project_bump_codebook_version (project, "Split RUP.W");
  g_assert_cmpint (kts_codebook_get_version (codebook), ==, 2);
  g_assert_cmpuint (kts_codebook_get_changelog (codebook)->len, ==, 1);
  entry = kts_codebook_get_changelog (codebook)->pdata[0];
  g_assert_cmpint (entry->version, ==, 2);
  g_assert_cmpstr (entry->text, ==, "Split RUP.W");
  g_assert_cmpuint (strlen (entry->date), ==, 10);
  g_assert_cmpuint (changed, ==, 1);
  check_undo_redo (project, before, "Raise the codebook version to 2");
  g_assert_cmpuint (changed, ==, 5);
}

/* ---- Coders and codings ------------------------------------------------------------- */

static void
test_add_coder (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  g_autoptr (KtsCoder) coder = kts_coder_new (NULL, "Ben");
  g_autoptr (GError) error = NULL;

  g_assert_true (kts_project_add_coder (project, coder, &error));
  g_assert_true (kts_project_find_coder (project, "Ben") == coder);
  check_undo_redo (project, before, "Add coder “Ben”");
}

static void
test_add_coding (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsDocument     *document = doc (project, "Session 4");
  KtsCode         *silence = KEY (project, "RUP.W.silence");
  g_autoptr (KtsCoding) coding = kts_coding_new (NULL, document, 0, 2, silence);
  g_autoptr (GError) error = NULL;

  g_assert_true (kts_project_add_coding (project, coding, &error));
  g_assert_no_error (error);
  g_assert_true (coding_at (document, 0) == coding);
  g_assert_cmpuint (kts_project_count_codings (project, silence), ==, 3);
  check_undo_redo (project, before, "Apply code “Silence”");
}

static void
test_apply_code (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsDocument     *document = doc (project, "Sitzung 5");
  KtsCoder        *coder = kts_project_find_coder (project, "Ada");
  g_autoptr (GError) error = NULL;
  gint64     t0 = g_get_real_time () / G_USEC_PER_SEC;
  KtsCoding *coding;

  coding = kts_project_apply_code (project, document, 13, 14, KEY (project, "SD.autonomy"), coder,
                                   KTS_ACTOR_DYAD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (coding);
  g_assert_true (kts_coding_get_coder (coding) == coder);
  g_assert_cmpint (kts_coding_get_actor (coding), ==, KTS_ACTOR_DYAD);
  g_assert_cmpint (kts_coding_get_created (coding), >=, t0);
  g_assert_cmpint (kts_coding_get_created (coding), <=, g_get_real_time () / G_USEC_PER_SEC);
  {
    g_autofree char *text = kts_coding_dup_text (coding);
    g_assert_cmpstr (text, ==, "👋");
  }
  check_undo_redo (project, before, "Apply code “Autonomy”");
}

static void
test_remove_coding (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsEpisode      *episode = episode_a1 (project);
  KtsMove         *withdraws = move_at (episode, 1);
  KtsCoding       *coding = g_ptr_array_index (kts_move_get_anchors (withdraws), 1);

  kts_project_remove_coding (project, coding);
  g_assert_null (kts_project_lookup (project, kts_item_get_guid (KTS_ITEM (coding))));
  g_assert_cmpuint (kts_move_get_anchors (withdraws)->len, ==, 1);
  check_undo_redo (project, before, "Remove coding of “Silence”");

  kts_project_undo (project);
  g_assert_true (g_ptr_array_index (kts_move_get_anchors (withdraws), 1) == coding);
}

/* ---- Cases, episodes, moves, edges ---------------------------------------------------- */

static void
test_add_remove_case (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  g_autoptr (KtsCase) kase = kts_case_new (NULL, "b");
  g_autoptr (GError) error = NULL;
  KtsEpisode *episode = episode_a1 (project);
  KtsCase    *a = kts_episode_get_case (episode);

  g_assert_true (kts_project_add_case (project, kase, &error));
  check_undo_redo (project, before, "Add case “b”");
  kts_project_undo (project);
  kts_project_clear_undo (project);

  kts_project_remove_case (project, a);
  g_assert_null (kts_episode_get_case (episode));
  check_undo_redo (project, before, "Remove case “a”");
  kts_project_undo (project);
  g_assert_true (kts_episode_get_case (episode) == a);
}

static void
test_add_episode_with_moves (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  g_autoptr (KtsEpisode) episode = kts_episode_new (NULL, "a-2");
  g_autoptr (KtsMove) m1 = kts_move_new (NULL, "One");
  g_autoptr (KtsMove) m2 = kts_move_new (NULL, "Two");
  g_autoptr (KtsEdge) edge = kts_edge_new (NULL, KTS_EDGE_NEXT, m1, m2);
  g_autoptr (GError) error = NULL;

  /* As a loader would build it. */
  g_list_store_append (_kts_episode_get_moves_store (episode), m1);
  g_list_store_append (_kts_episode_get_moves_store (episode), m2);
  g_list_store_append (_kts_episode_get_edges_store (episode), edge);

  g_assert_true (kts_project_add_episode (project, episode, &error));
  g_assert_no_error (error);
  g_assert_true (kts_project_lookup (project, kts_item_get_guid (KTS_ITEM (m2))) == KTS_ITEM (m2));
  g_assert_true (kts_project_lookup (project, kts_item_get_guid (KTS_ITEM (edge)))
                 == KTS_ITEM (edge));
  check_undo_redo (project, before, "Add episode “a-2”");

  kts_project_undo (project);
  g_assert_null (kts_project_lookup (project, kts_item_get_guid (KTS_ITEM (m2))));
}

static void
test_remove_episode (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsEpisode      *episode = episode_a1 (project);
  KtsMove         *move = move_at (episode, 0);

  kts_project_remove_episode (project, episode);
  g_assert_null (kts_project_find_episode (project, "a-1"));
  g_assert_null (kts_project_lookup (project, kts_item_get_guid (KTS_ITEM (move))));
  check_undo_redo (project, before, "Remove episode “a-1”");
}

static void
test_add_move (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsEpisode      *episode = episode_a1 (project);
  g_autoptr (KtsMove) move = kts_move_new (NULL, "Before it all");
  g_autoptr (GError) error = NULL;

  g_assert_true (kts_project_add_move (project, episode, move, 0, &error));
  g_assert_no_error (error);
  g_assert_true (move_at (episode, 0) == move);
  check_undo_redo (project, before, "Add move “Before it all”");
}

static void
test_remove_move (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsEpisode      *episode = episode_a1 (project);
  KtsMove         *withdraws = move_at (episode, 1);

  kts_project_remove_move (project, episode, withdraws);
  g_assert_cmpuint (g_list_model_get_n_items (kts_episode_get_moves (episode)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (kts_episode_get_edges (episode)), ==, 0);
  check_undo_redo (project, before, "Remove move “Withdraws”");
}

static void
test_reorder_move (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsEpisode      *episode = episode_a1 (project);
  KtsMove         *last = move_at (episode, 2);

  kts_project_reorder_move (project, episode, last, 0);
  g_assert_true (move_at (episode, 0) == last);
  check_undo_redo (project, before, "Reorder move “Checks in”");
}

static void
test_set_move_anchors (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsEpisode      *episode = episode_a1 (project);
  KtsMove         *move = move_at (episode, 2);
  KtsCoding       *anchors[]
      = { coding_at (doc (project, "Sitzung 5"), 0), coding_at (doc (project, "Session 4"), 2) };
  g_autoptr (GError) error = NULL;
  guint64 serial = kts_project_get_change_serial (project);

  /* The same anchors again record nothing. */
  g_assert_true (kts_project_set_move_anchors (project, move, NULL, 0, &error));
  check_unchanged (project, before, serial);

  g_assert_true (kts_project_set_move_anchors (project, move, anchors, 2, &error));
  g_assert_no_error (error);
  g_assert_true (g_ptr_array_index (kts_move_get_anchors (move), 1) == anchors[1]);
  check_undo_redo (project, before, "Change the evidence of “Checks in”");
}

static void
test_add_remove_edge (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsEpisode      *episode = episode_a1 (project);
  g_autoptr (KtsEdge) edge
      = kts_edge_new (NULL, KTS_EDGE_REPAIRS, move_at (episode, 2), move_at (episode, 0));
  g_autoptr (KtsEdge) first = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (kts_project_add_edge (project, episode, edge, &error));
  g_assert_no_error (error);
  check_undo_redo (project, before, "Link “Checks in” to “Asks to start”");
  kts_project_undo (project);
  kts_project_clear_undo (project);

  first = g_list_model_get_item (kts_episode_get_edges (episode), 0);
  kts_project_remove_edge (project, episode, first);
  g_assert_cmpuint (g_list_model_get_n_items (kts_episode_get_edges (episode)), ==, 1);
  check_undo_redo (project, before, "Remove the link from “Withdraws” to “Asks to start”");
}

/* ---- Validation ---------------------------------------------------------------------- */

static void
expect_error (gboolean ok, GError **error, int code, const char *fragment)
{
  g_assert_false (ok);
  g_assert_error (*error, KTS_ERROR, code);
  if (fragment != NULL && strstr ((*error)->message, fragment) == NULL)
    g_error ("“%s” does not mention “%s”", (*error)->message, fragment);
  g_clear_error (error);
}

static void
test_validation (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autoptr (KtsProject) other = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  guint64          serial = kts_project_get_change_serial (project);
  KtsDocument     *document = doc (project, "Session 4");
  KtsCode         *silence = KEY (project, "RUP.W.silence");
  KtsCode         *sd = KEY (project, "SD");
  KtsCode         *rup = KEY (project, "RUP");
  KtsEpisode      *episode = episode_a1 (project);
  KtsMove         *m0 = move_at (episode, 0);
  g_autoptr (KtsDocument) stranger = kts_document_new (NULL, "Stranger", "abc");
  g_autoptr (KtsCode) loose = kts_code_new (NULL, "Loose");
  g_autoptr (KtsCoder) nobody = kts_coder_new (NULL, "Nobody");
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsCoding) c = NULL;
  KtsCoding *existing = coding_at (document, 0);

  /* Codings. */
  c = kts_coding_new (NULL, document, 5, 5, silence);
  expect_error (kts_project_add_coding (project, c, &error), &error, KTS_ERROR_INVALID_ARGUMENT,
                "Session 4");
  g_clear_object (&c);
  c = kts_coding_new (NULL, document, 7, 3, silence);
  expect_error (kts_project_add_coding (project, c, &error), &error, KTS_ERROR_INVALID_ARGUMENT,
                NULL);
  g_clear_object (&c);
  c = kts_coding_new (NULL, document, 50, 58, silence);
  expect_error (kts_project_add_coding (project, c, &error), &error, KTS_ERROR_INVALID_ARGUMENT,
                "57");
  g_clear_object (&c);
  c = kts_coding_new (NULL, document, 0, 3, KEY (other, "RUP.W.silence"));
  expect_error (kts_project_add_coding (project, c, &error), &error, KTS_ERROR_INVALID_ARGUMENT,
                "Silence");
  g_clear_object (&c);
  c = kts_coding_new (NULL, document, 0, 3, sd);
  expect_error (kts_project_add_coding (project, c, &error), &error, KTS_ERROR_INVALID_ARGUMENT,
                "Self-definition");
  g_clear_object (&c);
  c = kts_coding_new (NULL, stranger, 0, 3, silence);
  expect_error (kts_project_add_coding (project, c, &error), &error, KTS_ERROR_INVALID_ARGUMENT,
                "Stranger");
  g_clear_object (&c);
  c = kts_coding_new (kts_item_get_guid (KTS_ITEM (existing)), document, 0, 3, silence);
  expect_error (kts_project_add_coding (project, c, &error), &error, KTS_ERROR_INVALID_ARGUMENT,
                kts_item_get_guid (KTS_ITEM (existing)));
  g_clear_object (&c);
  c = kts_coding_new (NULL, document, 0, 3, silence);
  g_object_set (c, "coder", nobody, NULL);
  expect_error (kts_project_add_coding (project, c, &error), &error, KTS_ERROR_INVALID_ARGUMENT,
                "Nobody");
  expect_error (kts_project_add_coding (project, existing, &error), &error,
                KTS_ERROR_INVALID_ARGUMENT, NULL);
  g_assert_null (kts_project_apply_code (project, document, 0, 100, silence, NULL, 0, &error));
  g_clear_error (&error);
  check_unchanged (project, before, serial);

  /* Codes. */
  {
    g_autoptr (KtsCode) dup_guid = kts_code_new ("00000000-0000-4000-8000-000000000001", "Dup");
    g_autoptr (KtsCode) dup_key = kts_code_new (NULL, "Dup");
    g_autoptr (KtsCode) dup_shortcut = kts_code_new (NULL, "Dup");
    g_autoptr (KtsCode) parented = kts_code_new (NULL, "Child");
    g_autoptr (KtsCode) nameless = g_object_new (KTS_TYPE_CODE, NULL);

    expect_error (kts_project_add_code (project, dup_guid, NULL, -1, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, "00000000-0000-4000-8000-000000000001");
    g_object_set (dup_key, "key", "SD.autonomy", NULL);
    expect_error (kts_project_add_code (project, dup_key, NULL, -1, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, "SD.autonomy");
    g_object_set (dup_shortcut, "shortcut", 4, NULL);
    expect_error (kts_project_add_code (project, dup_shortcut, NULL, -1, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, "Silence");
    g_list_store_append (_kts_code_get_children_store (loose), parented);
    _kts_code_set_parent (parented, loose);
    expect_error (kts_project_add_code (project, parented, NULL, -1, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, "Loose");
    expect_error (kts_project_add_code (project, loose, NULL, -1, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, "sub-codes");
    expect_error (kts_project_add_code (project, nameless, NULL, -1, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, NULL);
    expect_error (kts_project_add_code (project, dup_key, KEY (other, "SD"), -1, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, NULL);
    expect_error (kts_project_add_code (project, silence, NULL, -1, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, NULL);
  }
  expect_error (kts_project_move_code (project, rup, rup, -1, &error), &error,
                KTS_ERROR_INVALID_ARGUMENT, "Rupture");
  expect_error (kts_project_move_code (project, rup, silence, -1, &error), &error,
                KTS_ERROR_INVALID_ARGUMENT, "Silence");
  expect_error (kts_project_merge_codes (project, rup, rup, &error), &error,
                KTS_ERROR_INVALID_ARGUMENT, NULL);
  expect_error (kts_project_merge_codes (project, rup, silence, &error), &error,
                KTS_ERROR_INVALID_ARGUMENT, NULL);
  expect_error (kts_project_merge_codes (project, silence, sd, &error), &error,
                KTS_ERROR_INVALID_ARGUMENT, NULL);
  check_unchanged (project, before, serial);

  /* Documents, coders, cases, episodes. */
  {
    g_autoptr (KtsDocument) twin
        = kts_document_new (kts_item_get_guid (KTS_ITEM (document)), "Twin", "x");
    g_autoptr (KtsCoder) twin_coder
        = kts_coder_new (kts_item_get_guid (KTS_ITEM (document)), "Twin");
    g_autoptr (KtsCase) twin_case = kts_case_new (kts_item_get_guid (KTS_ITEM (silence)), "Twin");
    g_autoptr (KtsEpisode) ep = kts_episode_new (NULL, "x");
    g_autoptr (KtsEpisode) ep2 = kts_episode_new (NULL, "y");
    g_autoptr (KtsMove) moved = kts_move_new (kts_item_get_guid (KTS_ITEM (m0)), "m");

    expect_error (kts_project_add_document (project, twin, -1, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, "Session 4");
    expect_error (kts_project_add_document (project, document, -1, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, NULL);
    expect_error (kts_project_add_coder (project, twin_coder, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, NULL);
    expect_error (kts_project_add_case (project, twin_case, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, NULL);
    g_object_set (ep, "document", stranger, NULL);
    expect_error (kts_project_add_episode (project, ep, &error), &error, KTS_ERROR_INVALID_ARGUMENT,
                  NULL);
    g_list_store_append (_kts_episode_get_moves_store (ep2), moved);
    expect_error (kts_project_add_episode (project, ep2, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, NULL);
    expect_error (kts_project_add_episode (project, episode, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, NULL);
  }
  check_unchanged (project, before, serial);

  /* Moves, anchors, edges. */
  {
    g_autoptr (KtsMove) fresh = kts_move_new (NULL, "Fresh");
    g_autoptr (KtsEdge) to_self = kts_edge_new (NULL, KTS_EDGE_NEXT, m0, m0);
    g_autoptr (KtsEdge) to_outside = kts_edge_new (NULL, KTS_EDGE_NEXT, m0, fresh);
    g_autoptr (KtsEdge) dup_edge = NULL;
    g_autoptr (KtsEpisode) unknown = kts_episode_new (NULL, "unknown");
    KtsCoding *twice[] = { existing, existing };
    KtsCoding *foreign[] = { coding_at (doc (other, "Session 4"), 0) };
    g_autoptr (KtsEdge) first_edge = g_list_model_get_item (kts_episode_get_edges (episode), 0);

    expect_error (kts_project_add_move (project, episode, m0, -1, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, "already in an episode");
    expect_error (kts_project_add_move (project, unknown, fresh, -1, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, NULL);
    expect_error (kts_project_set_move_anchors (project, m0, twice, 2, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, NULL);
    expect_error (kts_project_set_move_anchors (project, m0, foreign, 1, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, NULL);
    expect_error (kts_project_set_move_anchors (project, fresh, NULL, 0, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, NULL);
    expect_error (kts_project_add_edge (project, episode, to_self, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, NULL);
    expect_error (kts_project_add_edge (project, episode, to_outside, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, NULL);
    dup_edge = kts_edge_new (kts_item_get_guid (KTS_ITEM (first_edge)), KTS_EDGE_NEXT, m0,
                             move_at (episode, 2));
    expect_error (kts_project_add_edge (project, episode, dup_edge, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, NULL);
    expect_error (kts_project_add_edge (project, unknown, first_edge, &error), &error,
                  KTS_ERROR_INVALID_ARGUMENT, NULL);
  }
  check_unchanged (project, before, serial);
}

/* ---- Undo stack behaviour ---------------------------------------------------------------- */

static void
notify_count_cb (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  GHashTable *counts = user_data;
  guint       n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer)pspec->name, GUINT_TO_POINTER (n + 1));
}

static guint
notifies (GHashTable *counts, const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static void
project_changed_cb (KtsProject *project, gpointer user_data)
{
  (*(guint *)user_data)++;
}

static void
test_state_and_notifies (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autoptr (GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  KtsCode *code = KEY (project, "SD.isolation");
  guint    changed = 0;
  guint64  serial = kts_project_get_change_serial (project);

  g_assert_false (kts_project_get_dirty (project));
  g_assert_false (kts_project_can_undo (project));
  g_assert_null (kts_project_get_undo_label (project));
  g_assert_null (kts_project_get_redo_label (project));

  g_signal_connect (project, "notify", G_CALLBACK (notify_count_cb), counts);
  g_signal_connect (project, "changed", G_CALLBACK (project_changed_cb), &changed);

  kts_project_set_string (project, code, "notes", "one");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (kts_project_get_change_serial (project), ==, serial + 1);
  g_assert_cmpuint (notifies (counts, "dirty"), ==, 1);
  g_assert_cmpuint (notifies (counts, "can-undo"), ==, 1);
  g_assert_cmpuint (notifies (counts, "undo-label"), ==, 1);
  g_assert_cmpuint (notifies (counts, "can-redo"), ==, 0);

  kts_project_set_string (project, code, "notes", "two");
  g_assert_cmpuint (notifies (counts, "dirty"), ==, 1);      /* still dirty */
  g_assert_cmpuint (notifies (counts, "can-undo"), ==, 1);   /* still can */
  g_assert_cmpuint (notifies (counts, "undo-label"), ==, 1); /* same text */

  /* Saved here. */
  kts_project_mark_clean (project);
  g_assert_false (kts_project_get_dirty (project));
  g_assert_cmpuint (notifies (counts, "dirty"), ==, 2);

  g_assert_true (kts_project_undo (project));
  g_assert_true (kts_project_get_dirty (project));
  g_assert_cmpstr (kts_code_get_notes (code), ==, "one");
  g_assert_cmpuint (notifies (counts, "can-redo"), ==, 1);
  g_assert_cmpuint (notifies (counts, "redo-label"), ==, 1);
  g_assert_cmpuint (changed, ==, 3);

  /* Redoing back to the saved state makes it clean again. */
  g_assert_true (kts_project_redo (project));
  g_assert_false (kts_project_get_dirty (project));
  g_assert_cmpuint (changed, ==, 4);
  g_assert_cmpuint (kts_project_get_change_serial (project), ==, serial + 4);

  /* Undo, then a new command: the redo stack is gone and the saved state is
   * unreachable, so it stays dirty. */
  g_assert_true (kts_project_undo (project));
  kts_project_set_string (project, code, "notes", "three");
  g_assert_false (kts_project_can_redo (project));
  g_assert_null (kts_project_get_redo_label (project));
  g_assert_false (kts_project_redo (project));
  g_assert_true (kts_project_get_dirty (project));
  g_assert_true (kts_project_undo (project));
  g_assert_true (kts_project_get_dirty (project));
  g_assert_true (kts_project_undo (project));
  g_assert_true (kts_project_get_dirty (project));
  g_assert_false (kts_project_undo (project));

  /* Clearing the history keeps a dirty project dirty... */
  kts_project_clear_undo (project);
  g_assert_true (kts_project_get_dirty (project));
  g_assert_false (kts_project_can_undo (project));
  /* ...until it is saved. */
  kts_project_mark_clean (project);
  g_assert_false (kts_project_get_dirty (project));
  kts_project_clear_undo (project);
  g_assert_false (kts_project_get_dirty (project));
}

static void
test_redo_cleared_by_new_command (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  KtsCode *code = KEY (project, "SD.isolation");
  KtsCode *other = KEY (project, "SD.autonomy");

  kts_project_set_string (project, code, "notes", "a");
  kts_project_set_string (project, code, "notes", "b");
  kts_project_undo (project);
  kts_project_undo (project);
  g_assert_true (kts_project_can_redo (project));
  kts_project_set_string (project, other, "notes", "c");
  g_assert_false (kts_project_can_redo (project));
  g_assert_true (kts_project_undo (project));
  g_assert_false (kts_project_can_undo (project));
  g_assert_null (kts_code_get_notes (code));
  g_assert_null (kts_code_get_notes (other));
}

static void
test_group (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  KtsDocument     *document = doc (project, "Session 4");
  g_autoptr (GError) error = NULL;

  kts_project_begin_group (project, "Import codings");
  g_assert_false (kts_project_get_dirty (project));
  g_assert_nonnull (kts_project_apply_code (project, document, 0, 2, KEY (project, "SD.autonomy"),
                                            NULL, 0, &error));
  g_assert_true (kts_project_get_dirty (project));
  /* No undo in the middle of a group. */
  g_assert_false (kts_project_can_undo (project));
  kts_project_begin_group (project, "inner");
  g_assert_nonnull (kts_project_apply_code (project, document, 2, 4, KEY (project, "SD.autonomy"),
                                            NULL, 0, &error));
  kts_project_set_title (project, "Imported");
  kts_project_end_group (project);
  g_assert_false (kts_project_can_undo (project));
  kts_project_end_group (project);

  check_undo_redo (project, before, "Import codings");
  /* One step undoes all of it. */
  g_assert_true (kts_project_undo (project));
  g_assert_false (kts_project_can_undo (project));

  /* A group begun without a label is named after its first change. */
  kts_project_begin_group (project, NULL);
  kts_project_set_string (project, KEY (project, "SD"), "notes", "x");
  kts_project_set_string (project, KEY (project, "REL"), "notes", "y");
  kts_project_end_group (project);
  g_assert_cmpstr (kts_project_get_undo_label (project), ==, "Change notes of “Self-definition”");

  /* An empty group records nothing. */
  kts_project_clear_undo (project);
  kts_project_begin_group (project, "Nothing");
  kts_project_end_group (project);
  g_assert_false (kts_project_can_undo (project));
}

static void
test_abort_group (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autofree char *before = kts_test_dump_project (project);
  g_autofree char *middle = NULL;
  g_autofree char *now = NULL;
  KtsDocument     *document = doc (project, "Session 4");
  KtsCode         *silence = KEY (project, "RUP.W.silence");
  g_autoptr (GError) error = NULL;

  /* A redo entry that an aborted group must not destroy. */
  kts_project_set_title (project, "Temporary");
  kts_project_undo (project);
  g_assert_true (kts_project_can_redo (project));

  kts_project_begin_group (project, "Import");
  g_assert_nonnull (kts_project_apply_code (project, document, 0, 2, silence, NULL, 0, &error));
  kts_project_remove_code (project, KEY (project, "REL"));
  middle = kts_test_dump_project (project);

  /* An inner group aborted undoes only itself. */
  kts_project_begin_group (project, "Inner");
  kts_project_remove_document (project, document);
  kts_project_bump_codebook_version (project, "x");
  kts_project_abort_group (project);
  now = kts_test_dump_project (project);
  kts_test_assert_dumps_equal (now, middle);
  kts_test_assert_consistent (project);
  g_clear_pointer (&now, g_free);

  kts_project_abort_group (project);
  now = kts_test_dump_project (project);
  kts_test_assert_dumps_equal (now, before);
  kts_test_assert_consistent (project);
  g_assert_false (kts_project_can_undo (project));
  g_assert_true (kts_project_can_redo (project));
  g_assert_cmpstr (kts_project_get_redo_label (project), ==, "Rename “Rupture study”");
  g_assert_false (kts_project_get_dirty (project));
}

static void
test_clean_after_undo_to_saved (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  KtsCode *code = KEY (project, "SD.isolation");

  kts_project_set_string (project, code, "notes", "a");
  kts_project_mark_clean (project);
  kts_project_set_string (project, code, "notes", "b");
  kts_project_set_string (project, code, "notes", "c");
  g_assert_true (kts_project_get_dirty (project));
  kts_project_undo (project);
  g_assert_true (kts_project_get_dirty (project));
  kts_project_undo (project);
  g_assert_false (kts_project_get_dirty (project));
  kts_project_undo (project);
  g_assert_true (kts_project_get_dirty (project));
}

/* ---- Scale ---------------------------------------------------------------------------- */

/* 200 documents and 50,000 codings, in scrambled order: all indexed, every
 * document's codings sorted, counts right; removing a code with thousands of
 * codings and undoing it restores everything. A correctness test, no timing. */
static void
test_many_codings (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GPtrArray) documents = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  KtsCode         *codes[] = { KEY (project, "SD.isolation"), KEY (project, "SD.autonomy"),
                               KEY (project, "REL.closeness"), KEY (project, "RUP.W.silence") };
  guint            n_before = kts_project_get_n_codings (project);
  guint32          seed = 12345;

  for (guint i = 0; i < 200; i++)
    g_string_append (text, "T: Mm. C: I don’t know what to say. Long pause. 😶\n");

  for (guint d = 0; d < 200; d++)
    {
      g_autofree char *title = g_strdup_printf ("Interview %u", d);
      g_autoptr (KtsDocument) document = kts_document_new (NULL, title, text->str);

      g_assert_true (kts_project_add_document (project, document, -1, &error));
      g_ptr_array_add (documents, document);
    }

  kts_project_begin_group (project, "Import");
  for (guint i = 0; i < 50000; i++)
    {
      KtsDocument *document;
      guint        start, len;

      seed = seed * 1103515245u + 12345u;
      document = documents->pdata[(seed >> 8) % 200];
      start = (seed >> 4) % 9000;
      len = 1 + (seed >> 16) % 200;
      g_assert_nonnull (kts_project_apply_code (project, document, start, start + len,
                                                codes[i % G_N_ELEMENTS (codes)], NULL, 0, &error));
    }
  kts_project_end_group (project);
  g_assert_no_error (error);

  g_assert_cmpuint (kts_project_get_n_codings (project), ==, n_before + 50000);
  kts_test_assert_consistent (project);

  kts_project_clear_undo (project);
  before = kts_test_dump_project (project);
  kts_project_remove_code (project, codes[2]);
  g_assert_cmpuint (kts_project_count_codings (project, codes[2]), ==, 0);
  g_assert_true (kts_project_undo (project));
  after = kts_test_dump_project (project);
  kts_test_assert_dumps_equal (before, after);
  g_assert_cmpuint (kts_project_count_codings (project, codes[2]), ==, 12500 + 1);
  g_assert_true (kts_project_redo (project));
  kts_test_assert_consistent (project);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/undo/set/string", test_set_string);
  g_test_add_func ("/undo/set/name", test_set_name_label);
  g_test_add_func ("/undo/set/theory-locked", test_set_theory_locked);
  g_test_add_func ("/undo/set/theory-layer-rules", test_theory_layer_rules);
  g_test_add_func ("/undo/set/key", test_set_key_reindexes);
  g_test_add_func ("/undo/set/coding-code", test_set_coding_code_counts);
  g_test_add_func ("/undo/set/other-types", test_set_other_types);
  g_test_add_func ("/undo/set/unchanged", test_set_unchanged_records_nothing);
  g_test_add_func ("/undo/set/shortcut", test_set_shortcut_property_reassigns);
  g_test_add_func ("/undo/document/add", test_add_document);
  g_test_add_func ("/undo/document/remove", test_remove_document);
  g_test_add_func ("/undo/document/move", test_move_document);
  g_test_add_func ("/undo/document/speaker-role", test_speaker_role);
  g_test_add_func ("/undo/document/attribute", test_document_attribute);
  g_test_add_func ("/undo/code/add", test_add_code);
  g_test_add_func ("/undo/code/remove", test_remove_code);
  g_test_add_func ("/undo/code/move", test_move_code);
  g_test_add_func ("/undo/code/merge", test_merge_codes);
  g_test_add_func ("/undo/code/shortcut", test_code_shortcut);
  g_test_add_func ("/undo/codebook/version", test_bump_codebook_version);
  g_test_add_func ("/undo/coder/add", test_add_coder);
  g_test_add_func ("/undo/coding/add", test_add_coding);
  g_test_add_func ("/undo/coding/apply", test_apply_code);
  g_test_add_func ("/undo/coding/remove", test_remove_coding);
  g_test_add_func ("/undo/case/add-remove", test_add_remove_case);
  g_test_add_func ("/undo/episode/add", test_add_episode_with_moves);
  g_test_add_func ("/undo/episode/remove", test_remove_episode);
  g_test_add_func ("/undo/move/add", test_add_move);
  g_test_add_func ("/undo/move/remove", test_remove_move);
  g_test_add_func ("/undo/move/reorder", test_reorder_move);
  g_test_add_func ("/undo/move/anchors", test_set_move_anchors);
  g_test_add_func ("/undo/edge/add-remove", test_add_remove_edge);
  g_test_add_func ("/undo/validation", test_validation);
  g_test_add_func ("/undo/stack/state", test_state_and_notifies);
  g_test_add_func ("/undo/stack/redo-cleared", test_redo_cleared_by_new_command);
  g_test_add_func ("/undo/stack/group", test_group);
  g_test_add_func ("/undo/stack/abort-group", test_abort_group);
  g_test_add_func ("/undo/stack/clean-after-undo", test_clean_after_undo_to_saved);
  g_test_add_func ("/undo/scale/many-codings", test_many_codings);

  return g_test_run ();
}
