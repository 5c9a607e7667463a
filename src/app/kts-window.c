/* kts-window.c: the main window: one project, its documents, transcript and codebook.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-analysis-view.h"
#include "kts-application.h"
#include "kts-codebook-panel.h"
#include "kts-codebook-view.h"
#include "kts-coder-switcher.h"
#include "kts-coding-popover.h"
#include "kts-document-list.h"
#include "kts-enum-types.h"
#include "kts-error.h"
#include "kts-import-dialog.h"
#include "kts-import.h"
#include "kts-map-view.h"
#include "kts-practice-view.h"
#include "kts-project-io.h"
#include "kts-quick-code-popover.h"
#include "kts-recovery.h"
#include "kts-refi-dialogs.h"
#include "kts-transcript-view-private.h"
#include "kts-transcript-view.h"
#include "kts-window.h"

#define DEFAULT_AUTOSAVE_SECONDS 5

struct _KtsWindow
{
  AdwApplicationWindow parent_instance;

  /* template */
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *sidebar_button;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkWidget            *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget            *main_stack;
  GtkWidget            *view_stack;
  GtkWidget            *outer_paned;
  GtkWidget            *inner_paned;
  KtsDocumentList      *document_list;
  GtkWidget            *center_stack;
  GtkWidget            *transcript_box;
  KtsCodebookPanel     *codebook_panel;
  KtsAnalysisView      *analysis_view;
  KtsCodebookView      *codebook_view;
  KtsMapView           *map_view;
  KtsPracticeView      *practice_view;
  GMenuModel           *primary_menu;
  GMenu                *recent_submenu;

  /* the transcript */
  KtsTranscriptView *transcript_view;
  GtkWidget         *quick_code;
  GtkWidget         *coding_popover;
  GtkWidget         *coder_switcher;
  KtsDocument       *document;

  KtsProject *project;
  gulong      changed_id;
  gulong      notify_id;
  GSettings  *settings;
  gboolean    recovered;
  gboolean    sidebar_visible;
  gboolean    close_after_save;
  gboolean    saving;

  KtsCoder       *coder;        /* chosen in the preferences, or NULL */
  KtsPracticeSet *practice_set; /* weak: the set being coded ("win.code-practice-set") */
  KtsCoding      *last_coding;  /* weak */
  AdwToast       *coding_toast; /* weak */
  GPtrArray      *import_warnings;

  /* autosave */
  char   *untitled_id;
  char   *written_recovery_id;
  guint   autosave_source;
  guint64 autosaved_serial;
};

G_DEFINE_FINAL_TYPE (KtsWindow, kts_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_PROJECT,
  PROP_SIDEBAR_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_title (KtsWindow *self);
static void update_actions (KtsWindow *self);
static void save_as (KtsWindow *self);

/* ---- small helpers --------------------------------------------------------- */

static void
toast (KtsWindow *self, const char *title)
{
  AdwToast *t = adw_toast_new (title);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* A refusal answers what the user just did: shown at once, not queued. */
static void
toast_now (KtsWindow *self, const char *title)
{
  AdwToast *t = adw_toast_new (title);

  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

void
kts_window_add_toast (KtsWindow *self, AdwToast *toast)
{
  g_return_if_fail (KTS_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error_dialog (KtsWindow *self, const char *heading, const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
project_display_name (KtsWindow *self)
{
  const char *title;
  GFile      *file;

  if (self->project == NULL)
    return g_strdup ("Kintsugi");
  title = kts_project_get_title (self->project);
  if (title != NULL && *title != '\0')
    return g_strdup (title);
  file = kts_project_get_file (self->project);
  if (file != NULL)
    {
      g_autofree char *base = g_file_get_basename (file);
      if (g_str_has_suffix (base, ".kintsugi"))
        base[strlen (base) - strlen (".kintsugi")] = '\0';
      return g_steal_pointer (&base);
    }
  return g_strdup (_ ("Untitled Project"));
}

/* TRUE if the settings (which tests may lack) have @key. */
static gboolean
has_setting (KtsWindow *self, const char *key)
{
  g_autoptr (GSettingsSchema) schema = NULL;

  if (self->settings == NULL)
    return FALSE;
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

static guint
autosave_interval (KtsWindow *self)
{
  g_autoptr (GVariant) value = NULL;

  if (!has_setting (self, "autosave-interval"))
    return DEFAULT_AUTOSAVE_SECONDS;
  value = g_settings_get_value (self->settings, "autosave-interval");
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    return MAX (1, g_variant_get_uint32 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return (guint)MAX (1, g_variant_get_int32 (value));
  return DEFAULT_AUTOSAVE_SECONDS;
}

/* ---- recovery ----------------------------------------------------------------- */

char *
kts_window_dup_recovery_id (KtsWindow *self)
{
  g_return_val_if_fail (KTS_IS_WINDOW (self), NULL);

  if (self->project == NULL)
    return NULL;
  return kts_recovery_make_id (kts_project_get_file (self->project), self->untitled_id);
}

static void
discard_recovery (KtsWindow *self)
{
  g_autofree char *dir = kts_recovery_get_default_dir ();
  g_autofree char *id = kts_window_dup_recovery_id (self);
  g_autoptr (GError) error = NULL;

  if (self->written_recovery_id != NULL
      && !kts_recovery_discard (dir, self->written_recovery_id, &error))
    g_warning ("%s", error->message);
  g_clear_error (&error);
  if (id != NULL && !kts_recovery_discard (dir, id, &error))
    g_warning ("%s", error->message);
  g_clear_pointer (&self->written_recovery_id, g_free);
}

gboolean
kts_window_autosave_now (KtsWindow *self, GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (KTS_IS_WINDOW (self), FALSE);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (self->project == NULL || !kts_window_has_unsaved_changes (self))
    return TRUE;

  dir = kts_recovery_get_default_dir ();
  id = kts_window_dup_recovery_id (self);
  if (!kts_recovery_write (dir, id, self->project, error))
    return FALSE;

  /* The slot moves when an untitled project gets a file. */
  if (self->written_recovery_id != NULL && !g_str_equal (self->written_recovery_id, id))
    kts_recovery_discard (dir, self->written_recovery_id, NULL);
  g_free (self->written_recovery_id);
  self->written_recovery_id = g_steal_pointer (&id);
  self->autosaved_serial = kts_project_get_change_serial (self->project);
  return TRUE;
}

static gboolean
autosave_cb (gpointer data)
{
  KtsWindow *self = data;
  g_autoptr (GError) error = NULL;

  self->autosave_source = 0;
  if (self->project != NULL
      && kts_project_get_change_serial (self->project) == self->autosaved_serial
      && self->written_recovery_id != NULL)
    return G_SOURCE_REMOVE;
  if (!kts_window_autosave_now (self, &error))
    g_warning ("Autosave failed: %s", error->message);
  return G_SOURCE_REMOVE;
}

static void
schedule_autosave (KtsWindow *self)
{
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (self->project == NULL || !kts_window_has_unsaved_changes (self))
    return;
  self->autosave_source = g_timeout_add_seconds (autosave_interval (self), autosave_cb, self);
}

/* ---- the transcript ------------------------------------------------------------- */

gboolean
kts_window_get_selection (KtsWindow *self, guint *start, guint *end)
{
  g_return_val_if_fail (KTS_IS_WINDOW (self), FALSE);

  if (self->document == NULL)
    return FALSE;
  return kts_transcript_view_get_selection (self->transcript_view, start, end);
}

void
kts_window_select_range (KtsWindow *self, guint start, guint end)
{
  g_return_if_fail (KTS_IS_WINDOW (self));

  kts_transcript_view_select_range (self->transcript_view, start, end);
}

/* Where the selection is, in the transcript view's coordinates, to point a
 * popover at. */
static void
transcript_selection_rect (KtsWindow *self, GdkRectangle *rect)
{
  GtkTextView   *text = _kts_transcript_view_get_text_view (self->transcript_view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text);
  GtkTextIter    a, b;
  GdkRectangle   ra;
  int            wx, wy;
  double         vx, vy;

  *rect = (GdkRectangle){ gtk_widget_get_width (GTK_WIDGET (self->transcript_view)) / 2, 0, 1, 1 };
  if (!gtk_text_buffer_get_selection_bounds (buffer, &a, &b))
    gtk_text_buffer_get_iter_at_mark (buffer, &a, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_iter_location (text, &a, &ra);
  gtk_text_view_buffer_to_window_coords (text, GTK_TEXT_WINDOW_WIDGET, ra.x, ra.y, &wx, &wy);
  if (gtk_widget_translate_coordinates (GTK_WIDGET (text), GTK_WIDGET (self->transcript_view), wx,
                                        wy, &vx, &vy))
    *rect = (GdkRectangle){ (int)vx, (int)vy, MAX (ra.width, 1), MAX (ra.height, 1) };
}

static void
coding_activated_cb (KtsTranscriptView *view,
                     KtsCoding         *coding,
                     GdkRectangle      *area,
                     KtsWindow         *self)
{
  GtkTextView *text = _kts_transcript_view_get_text_view (view);
  g_autoptr (GPtrArray) codings = NULL;
  double      tx, ty;
  int         bx, by;
  GtkTextIter iter;

  if (self->project == NULL)
    return;

  /* Every coding at the clicked point, the clicked one first. */
  if (gtk_widget_translate_coordinates (GTK_WIDGET (view), GTK_WIDGET (text),
                                        area->x + area->width / 2.0, area->y + area->height / 2.0,
                                        &tx, &ty))
    {
      gtk_text_view_window_to_buffer_coords (text, GTK_TEXT_WINDOW_WIDGET, (int)tx, (int)ty, &bx,
                                             &by);
      if (gtk_text_view_get_iter_at_location (text, &iter, bx, by))
        codings = kts_transcript_view_codings_at (view, (guint)gtk_text_iter_get_offset (&iter));
    }
  if (codings == NULL)
    codings = g_ptr_array_new_with_free_func (g_object_unref);
  if (!g_ptr_array_find (codings, coding, NULL))
    g_ptr_array_insert (codings, 0, g_object_ref (coding));

  g_set_weak_pointer (&self->last_coding, coding);
  kts_coding_popover_set_codings (KTS_CODING_POPOVER (self->coding_popover), self->project,
                                  (KtsCoding *const *)codings->pdata, codings->len);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->coding_popover), area);
  gtk_popover_popup (GTK_POPOVER (self->coding_popover));
}

/* While the student codes an open practice set's transcript, the codebook
 * panel offers only the practised layers. */
static void
update_practice_restriction (KtsWindow *self)
{
  KtsPracticeSet *set = self->practice_set;

  if (set != NULL
      && (self->project == NULL
          || kts_project_lookup (self->project, kts_item_get_guid (KTS_ITEM (set)))
                 != KTS_ITEM (set)
          || kts_practice_set_get_state (set) != KTS_PRACTICE_STATE_OPEN))
    {
      g_clear_weak_pointer (&self->practice_set);
      set = NULL;
    }
  kts_codebook_panel_set_layers (
      self->codebook_panel, set != NULL && kts_practice_set_get_document (set) == self->document
                                ? kts_practice_set_get_layers (set)
                                : NULL);
}

static void
transcript_set_document (KtsWindow *self, KtsDocument *document)
{
  g_set_object (&self->document, document);
  kts_transcript_view_set_document (self->transcript_view, document != NULL ? self->project : NULL,
                                    document);
  update_practice_restriction (self);
}

static void
build_transcript (KtsWindow *self)
{
  self->transcript_view = KTS_TRANSCRIPT_VIEW (kts_transcript_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->transcript_view), TRUE);
  g_signal_connect (self->transcript_view, "coding-activated", G_CALLBACK (coding_activated_cb),
                    self);
  gtk_box_append (GTK_BOX (self->transcript_box), GTK_WIDGET (self->transcript_view));

  /* The text's context menu offers coding too. */
  {
    g_autoptr (GMenu) menu = g_menu_new ();
    g_menu_append (menu, _ ("_Code Selection…"), "win.quick-code");
    g_menu_append (menu, _ ("Go to _Next Coding"), "win.next-coding");
    g_menu_append (menu, _ ("Go to _Previous Coding"), "win.previous-coding");
    g_menu_append (menu, _ ("New _Episode From Selection…"), "win.new-episode");
    kts_transcript_view_set_extra_menu (self->transcript_view, G_MENU_MODEL (menu));
  }

  self->quick_code = kts_quick_code_popover_new ();
  gtk_widget_set_parent (self->quick_code, GTK_WIDGET (self->transcript_view));
  self->coding_popover = kts_coding_popover_new ();
  gtk_widget_set_parent (self->coding_popover, GTK_WIDGET (self->transcript_view));

  /* Who codes, and whose codings show: in the header, for the Transcripts view. */
  self->coder_switcher = kts_coder_switcher_new (self, self->transcript_view);
  adw_header_bar_pack_end (ADW_HEADER_BAR (self->header_bar), self->coder_switcher);
}

static void
update_coder_switcher (KtsWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (self->view_stack));

  gtk_widget_set_visible (self->coder_switcher,
                          self->project != NULL && g_strcmp0 (name, "transcripts") == 0);
}

/* ---- coding ------------------------------------------------------------------ */

const char *
kts_window_get_user_coder_name (void)
{
  const char *name = g_get_real_name ();

  if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();
  return name;
}

KtsCoder *
kts_window_get_coder (KtsWindow *self)
{
  g_return_val_if_fail (KTS_IS_WINDOW (self), NULL);

  if (self->project == NULL)
    return NULL;
  if (self->coder != NULL
      && kts_project_lookup (self->project, kts_item_get_guid (KTS_ITEM (self->coder)))
             == KTS_ITEM (self->coder))
    return self->coder;
  /* The coder chosen last time, if this project has one of that name. */
  if (has_setting (self, "coder-name"))
    {
      g_autofree char *name = g_settings_get_string (self->settings, "coder-name");
      KtsCoder        *coder = *name != '\0' ? kts_project_find_coder (self->project, name) : NULL;

      if (coder != NULL)
        return coder;
    }
  return kts_project_find_coder (self->project, kts_window_get_user_coder_name ());
}

void
kts_window_set_coder (KtsWindow *self, KtsCoder *coder)
{
  g_return_if_fail (KTS_IS_WINDOW (self));
  g_return_if_fail (coder == NULL || KTS_IS_CODER (coder));

  g_set_object (&self->coder, coder);
  /* Remembered for the next session and the next project. */
  if (coder != NULL && has_setting (self, "coder-name"))
    g_settings_set_string (self->settings, "coder-name", kts_coder_get_name (coder));
  kts_coder_switcher_update (KTS_CODER_SWITCHER (self->coder_switcher));
}

KtsCoder *
kts_window_get_visible_coder (KtsWindow *self)
{
  g_return_val_if_fail (KTS_IS_WINDOW (self), NULL);
  return kts_transcript_view_get_visible_coder (self->transcript_view);
}

void
kts_window_set_visible_coder (KtsWindow *self, KtsCoder *coder)
{
  g_return_if_fail (KTS_IS_WINDOW (self));
  kts_transcript_view_set_visible_coder (self->transcript_view, coder);
}

GPtrArray *
kts_window_dup_visible_coders (KtsWindow *self)
{
  g_return_val_if_fail (KTS_IS_WINDOW (self), NULL);
  return kts_transcript_view_dup_visible_coders (self->transcript_view);
}

void
kts_window_set_visible_coders (KtsWindow *self, GPtrArray *coders)
{
  g_return_if_fail (KTS_IS_WINDOW (self));
  kts_transcript_view_set_visible_coders (self->transcript_view, coders);
}

/* Makes @coder's codings show too, when they do not. TRUE if they did not. */
static gboolean
show_coder_too (KtsWindow *self, KtsCoder *coder)
{
  g_autoptr (GPtrArray) shown = NULL;

  if (kts_transcript_view_get_coder_visible (self->transcript_view, coder))
    return FALSE;
  shown = kts_transcript_view_dup_visible_coders (self->transcript_view);
  if (coder == NULL || shown == NULL)
    kts_transcript_view_set_visible_coders (self->transcript_view, NULL);
  else
    {
      g_ptr_array_add (shown, g_object_ref (coder));
      /* Everyone chosen is everyone's. */
      if (shown->len >= g_list_model_get_n_items (kts_project_get_coders (self->project)))
        kts_transcript_view_set_visible_coders (self->transcript_view, NULL);
      else
        kts_transcript_view_set_visible_coders (self->transcript_view, shown);
    }
  return TRUE;
}

static KtsCoder *
ensure_coder (KtsWindow *self)
{
  const char *name = kts_window_get_user_coder_name ();
  KtsCoder   *coder;
  g_autoptr (KtsCoder) created = NULL;
  g_autoptr (GError) error = NULL;

  coder = kts_window_get_coder (self);
  if (coder != NULL)
    return coder;

  created = kts_coder_new (NULL, name);
  if (!kts_project_add_coder (self->project, created, &error))
    {
      g_warning ("Could not add coder %s: %s", name, error->message);
      return NULL;
    }
  return created;
}

static KtsActor
default_actor (KtsDocument *document, guint offset)
{
  int turn = kts_document_find_turn (document, offset);

  if (turn < 0)
    return KTS_ACTOR_UNSET;
  switch (kts_document_get_turn_role (document, (guint)turn))
    {
    case KTS_ROLE_THERAPIST:
      return KTS_ACTOR_THERAPIST;
    case KTS_ROLE_CLIENT:
      return KTS_ACTOR_CLIENT;
    case KTS_ROLE_INTERVIEWER:
    case KTS_ROLE_OTHER:
    default:
      return KTS_ACTOR_UNSET;
    }
}

static void
show_coding_toast (KtsWindow *self, const char *title)
{
  AdwToast *t;

  if (self->coding_toast != NULL)
    adw_toast_dismiss (self->coding_toast);
  t = adw_toast_new (title);
  adw_toast_set_button_label (t, _ ("_Undo"));
  adw_toast_set_action_name (t, "win.undo");
  g_set_weak_pointer (&self->coding_toast, t);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static KtsCoding *
apply_code_to (KtsWindow *self, KtsCode *code, KtsDocument *document, guint start, guint end);

static KtsCoding *
apply_code (KtsWindow *self, KtsCode *code)
{
  guint start, end;

  if (self->project == NULL || code == NULL)
    return NULL;
  if (!kts_window_get_selection (self, &start, &end) || start == end)
    {
      toast (self, _ ("Select a passage in the transcript first"));
      return NULL;
    }
  return apply_code_to (self, code, self->document, start, end);
}

static KtsCoding *
apply_code_to (KtsWindow *self, KtsCode *code, KtsDocument *document, guint start, guint end)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  KtsCoding       *coding;
  KtsCoder        *coder;
  KtsActor         actor;
  gboolean         grouped = FALSE;

  if (self->project == NULL || code == NULL || document == NULL)
    return NULL;
  if (!kts_code_get_codable (code))
    {
      g_autofree char *msg = g_strdup_printf (_ ("“%s” is a category: apply one of its sub-codes"),
                                              kts_code_get_name (code));
      toast (self, msg);
      return NULL;
    }
  if (kts_project_hides_code (self->project, code))
    {
      toast (self, _ ("Theory layers are hidden until step 5: show them in the Codebook view "
                      "to apply this code"));
      return NULL;
    }
  coder = kts_window_get_coder (self);
  if (coder == NULL)
    {
      g_autofree char *label = g_strdup_printf (_ ("Apply code “%s”"), kts_code_get_name (code));
      kts_project_begin_group (self->project, label);
      grouped = TRUE;
      coder = ensure_coder (self);
    }

  actor = default_actor (document, start);
  coding = kts_project_apply_code (self->project, document, start, end, code, coder, actor, &error);
  if (coding == NULL)
    {
      if (grouped)
        kts_project_abort_group (self->project);
      toast (self, error->message);
      return NULL;
    }
  if (grouped)
    kts_project_end_group (self->project);
  /* A coding one cannot see would look like nothing happened. */
  show_coder_too (self, coder);

  g_set_weak_pointer (&self->last_coding, coding);
  if (actor != KTS_ACTOR_UNSET)
    title = g_strdup_printf (_ ("Coded as “%s” · %s"), kts_code_get_name (code),
                             kts_actor_get_label (actor));
  else
    title = g_strdup_printf (_ ("Coded as “%s”"), kts_code_get_name (code));
  show_coding_toast (self, title);
  return coding;
}

KtsCoding *
kts_window_get_last_coding (KtsWindow *self)
{
  g_return_val_if_fail (KTS_IS_WINDOW (self), NULL);

  /* A coding that was undone is no longer in the project. */
  if (self->last_coding != NULL && self->project != NULL
      && kts_project_lookup (self->project, kts_item_get_guid (KTS_ITEM (self->last_coding)))
             != KTS_ITEM (self->last_coding))
    return NULL;
  return self->last_coding;
}

static KtsCode *
lookup_code (KtsWindow *self, const char *guid)
{
  if (self->project == NULL)
    return NULL;
  return kts_codebook_lookup_guid (kts_project_get_codebook (self->project), guid);
}

static void
action_apply_code (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow *self = KTS_WINDOW (widget);

  apply_code (self, lookup_code (self, g_variant_get_string (param, NULL)));
}

static void
action_apply_code_to_selection (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow *self = KTS_WINDOW (widget);
  guint      start, end;

  /* A click in the codebook without a selection only selects the code. */
  if (kts_window_get_selection (self, &start, &end) && start < end)
    apply_code (self, lookup_code (self, g_variant_get_string (param, NULL)));
}

static void
action_apply_code_range (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow   *self = KTS_WINDOW (widget);
  const char  *code_guid, *doc_guid;
  guint        start, end;
  KtsDocument *document;

  if (self->project == NULL)
    return;
  g_variant_get (param, "(&s&suu)", &code_guid, &doc_guid, &start, &end);
  document = kts_project_find_document (self->project, doc_guid);
  if (document == NULL || start >= end)
    return;
  apply_code_to (self, lookup_code (self, code_guid), document, start, end);
}

static void
action_apply_shortcut (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow *self = KTS_WINDOW (widget);
  KtsCode   *code;
  int        digit = g_variant_get_int32 (param);

  if (self->project == NULL)
    return;
  code = kts_codebook_lookup_shortcut (kts_project_get_codebook (self->project), digit);
  if (code == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_ ("No code has the key %d yet"), digit);
      toast (self, msg);
      return;
    }
  apply_code (self, code);
}

static gboolean
digit_shortcut_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  KtsWindow *self = KTS_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  int        digit = g_variant_get_int32 (args);

  /* Digits typed into an entry are text, not shortcuts. */
  if (focus != NULL
      && (GTK_IS_EDITABLE (focus)
          || (GTK_IS_TEXT_VIEW (focus) && gtk_text_view_get_editable (GTK_TEXT_VIEW (focus)))))
    return FALSE;
  if (self->project == NULL || self->document == NULL
      || kts_codebook_lookup_shortcut (kts_project_get_codebook (self->project), digit) == NULL)
    return FALSE;
  gtk_widget_activate_action (widget, "win.apply-shortcut", "i", digit);
  return TRUE;
}

static void
quick_code_chosen_cb (KtsQuickCodePopover *popover, KtsCode *code, KtsWindow *self)
{
  apply_code (self, code);
  gtk_widget_grab_focus (GTK_WIDGET (self->transcript_view));
}

static void
action_quick_code (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow   *self = KTS_WINDOW (widget);
  GdkRectangle rect;

  if (self->project == NULL || self->document == NULL)
    return;
  if (!kts_window_get_selection (self, NULL, NULL))
    {
      toast (self, _ ("Select a passage in the transcript first"));
      return;
    }
  kts_quick_code_popover_set_project (KTS_QUICK_CODE_POPOVER (self->quick_code), self->project);
  transcript_selection_rect (self, &rect);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->quick_code), &rect);
  gtk_popover_popup (GTK_POPOVER (self->quick_code));
}

static void
action_set_actor (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow       *self = KTS_WINDOW (widget);
  KtsCoding       *coding = kts_window_get_last_coding (self);
  int              actor;
  g_autofree char *msg = NULL;

  if (coding == NULL)
    {
      toast (self, _ ("Code a passage first, then set who expresses the need"));
      return;
    }
  if (!kts_enum_from_nick (KTS_TYPE_ACTOR, g_variant_get_string (param, NULL), &actor))
    return;
  if ((int)kts_coding_get_actor (coding) != actor)
    kts_project_set_enum (self->project, coding, "actor", actor);
  msg = g_strdup_printf (_ ("“%s” · %s"), kts_code_get_name (kts_coding_get_code (coding)),
                         kts_actor_get_label ((KtsActor)actor));
  show_coding_toast (self, msg);
}

static gboolean
coding_matches (KtsCoding *coding, KtsCode *code)
{
  return code == NULL || kts_code_is_descendant_of (kts_coding_get_code (coding), code);
}

/* The next (or previous) coding from the cursor, of @code and its sub-codes
 * when @code is not NULL; past the end of a document it goes on in the next
 * (or previous) one, wrapping around. */
static void
go_to_coding (KtsWindow *self, KtsCode *code, gboolean forward)
{
  GListModel *documents;
  guint       n_docs, doc_index = 0;
  KtsCoding  *coding;

  if (self->project == NULL || self->document == NULL)
    return;

  kts_transcript_view_set_filter_code (self->transcript_view, code);
  coding = kts_transcript_view_next_coding (self->transcript_view, forward);
  kts_transcript_view_set_filter_code (self->transcript_view, NULL);
  if (coding != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->transcript_view));
      return;
    }

  documents = kts_project_get_documents (self->project);
  n_docs = g_list_model_get_n_items (documents);
  for (guint i = 0; i < n_docs; i++)
    {
      g_autoptr (KtsDocument) doc = g_list_model_get_item (documents, i);
      if (doc == self->document)
        doc_index = i;
    }

  /* The other documents in order, then this one again from its start. */
  for (guint step = 1; step <= n_docs; step++)
    {
      guint index = forward ? (doc_index + step) % n_docs : (doc_index + n_docs - step) % n_docs;
      g_autoptr (KtsDocument) doc = g_list_model_get_item (documents, index);
      GListModel *codings = kts_document_get_codings (doc);
      guint       n = g_list_model_get_n_items (codings);

      for (guint k = 0; k < n; k++)
        {
          g_autoptr (KtsCoding) candidate
              = g_list_model_get_item (codings, forward ? k : n - 1 - k);

          if (!coding_matches (candidate, code)
              || kts_project_coding_is_hidden (self->project, candidate)
              || !kts_transcript_view_get_coder_visible (self->transcript_view,
                                                         kts_coding_get_coder (candidate)))
            continue;
          if (doc != self->document)
            kts_window_show_document (self, doc);
          kts_transcript_view_reveal_coding (self->transcript_view, candidate);
          gtk_widget_grab_focus (GTK_WIDGET (self->transcript_view));
          return;
        }
    }

  toast (self, code != NULL ? _ ("No codings of this code yet") : _ ("No codings yet"));
}

static void
action_next_coding_of_selected (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow *self = KTS_WINDOW (widget);
  KtsCode   *code = kts_codebook_panel_get_selected_code (self->codebook_panel);

  if (code == NULL)
    {
      toast (self, _ ("Select a code in the codebook first"));
      return;
    }
  go_to_coding (self, code, g_str_equal (name, "win.next-coding-of-selected"));
}

static void
action_next_coding (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow *self = KTS_WINDOW (widget);
  KtsCode   *code = NULL;

  if (param != NULL)
    {
      code = lookup_code (self, g_variant_get_string (param, NULL));
      if (code == NULL)
        return;
    }
  go_to_coding (self, code,
                g_str_equal (name, "win.next-coding") || g_str_equal (name, "win.next-coding-of"));
}

/* ---- the process map -------------------------------------------------------------- */

static KtsCoding *
lookup_coding (KtsWindow *self, GVariant *param)
{
  KtsItem *item;

  if (self->project == NULL)
    return NULL;
  item = kts_project_lookup (self->project, g_variant_get_string (param, NULL));
  return item != NULL && KTS_IS_CODING (item) ? KTS_CODING (item) : NULL;
}

void
kts_window_reveal_coding (KtsWindow *self, KtsCoding *coding)
{
  g_return_if_fail (KTS_IS_WINDOW (self));
  g_return_if_fail (KTS_IS_CODING (coding));

  KtsCoder *coder = kts_coding_get_coder (coding);

  /* The reference of an open practice set stays hidden (docs/practice.md). */
  if (self->project != NULL && kts_project_coding_is_hidden (self->project, coding))
    {
      toast_now (self, _ ("That coding is hidden until its practice set is submitted"));
      return;
    }
  kts_window_show_document (self, kts_coding_get_document (coding));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "transcripts");
  /* A coding of a coder whose codings are not shown would not show. */
  if (show_coder_too (self, coder))
    {
      g_autofree char *msg = coder != NULL ? g_strdup_printf (_ ("Showing the codings of %s too"),
                                                              kts_coder_get_name (coder))
                                           : g_strdup (_ ("Showing everyone’s codings"));
      toast (self, msg);
    }
  kts_transcript_view_reveal_coding (self->transcript_view, coding);
  gtk_widget_grab_focus (GTK_WIDGET (self->transcript_view));
}

static void
action_reveal_coding (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow *self = KTS_WINDOW (widget);
  KtsCoding *coding = lookup_coding (self, param);

  if (coding == NULL)
    {
      toast (self, _ ("That passage is no longer coded"));
      return;
    }
  kts_window_reveal_coding (self, coding);
}

/* Removing a coding from the transcript: a coding locked by a submitted
 * practice set stays, and the toast says why. */
static void
action_remove_coding (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow *self = KTS_WINDOW (widget);
  KtsCoding *coding = lookup_coding (self, param);
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;

  if (coding == NULL)
    return;
  if (!kts_project_try_remove_coding (self->project, coding, &error))
    {
      toast_now (self, error->message);
      return;
    }
  title = g_strdup (_ ("Coding removed"));
  show_coding_toast (self, title);
}

static void
action_coders (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow *self = KTS_WINDOW (widget);

  if (self->project == NULL)
    return;
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "transcripts");
  kts_coder_switcher_popup (KTS_CODER_SWITCHER (self->coder_switcher));
}

static void
action_add_to_map (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow *self = KTS_WINDOW (widget);
  KtsCoding *coding = lookup_coding (self, param);
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  KtsMove         *move;
  KtsEpisode      *episode;
  AdwToast        *t;

  if (coding == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self->coding_popover));
  move = kts_map_view_add_move_for_coding (self->map_view, coding, &error);
  if (move == NULL)
    {
      toast (self, error->message);
      return;
    }
  episode = kts_map_view_get_episode (self->map_view);
  /* Translators: "Added m22 to “Session 7: the role-play”" */
  title = g_strdup_printf (_ ("Added %s to “%s”"), kts_move_get_ident (move),
                           kts_episode_get_name (episode));
  t = adw_toast_new (title);
  adw_toast_set_button_label (t, _ ("_Show"));
  adw_toast_set_action_name (t, "win.show-map-move");
  adw_toast_set_action_target_value (t, g_variant_new_string (kts_item_get_guid (KTS_ITEM (move))));
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
action_show_map_move (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow *self = KTS_WINDOW (widget);
  KtsItem   *item;

  if (self->project == NULL)
    return;
  item = kts_project_lookup (self->project, g_variant_get_string (param, NULL));
  if (item == NULL || !KTS_IS_MOVE (item))
    return;
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "map");
  kts_map_view_show_move (self->map_view, KTS_MOVE (item));
  gtk_widget_grab_focus (GTK_WIDGET (kts_map_view_get_canvas (self->map_view)));
}

/* New Episode from the transcript: its dialog takes the selected turns. */
static void
action_new_episode (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow *self = KTS_WINDOW (widget);

  if (self->project == NULL)
    return;
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "map");
  gtk_widget_activate_action (GTK_WIDGET (self->map_view), "mapview.new-episode", NULL);
}

static void
visible_view_cb (KtsWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (self->view_stack));

  update_coder_switcher (self);
  /* The map's shortcuts (zoom, arrows, Delete) work at once. */
  if (g_strcmp0 (name, "map") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (kts_map_view_get_canvas (self->map_view)));
}

KtsMapView *
kts_window_get_map_view (KtsWindow *self)
{
  g_return_val_if_fail (KTS_IS_WINDOW (self), NULL);
  return self->map_view;
}

void
kts_window_show_view (KtsWindow *self, const char *name)
{
  g_return_if_fail (KTS_IS_WINDOW (self));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), name);
}

const char *
kts_window_get_visible_view (KtsWindow *self)
{
  g_return_val_if_fail (KTS_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (self->view_stack));
}

/* ---- undo ------------------------------------------------------------------------ */

static void
action_undo (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow *self = KTS_WINDOW (widget);

  if (self->project == NULL)
    return;
  if (g_str_equal (name, "win.undo"))
    kts_project_undo (self->project);
  else
    kts_project_redo (self->project);
}

/* ---- files ---------------------------------------------------------------------- */

static void
remember_file (KtsWindow *self, GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL && has_setting (self, "last-opened-project"))
    g_settings_set_string (self->settings, "last-opened-project", path);
}

static void
add_to_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData    data = { 0 };
  const char      *groups[] = { "kintsugi", NULL };

  data.display_name = NULL;
  data.mime_type = (char *)"application/x-kintsugi";
  data.app_name = (char *)g_get_application_name ();
  data.app_exec = (char *)"kintsugi %u";
  data.groups = (char **)groups;
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static void
save_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KtsWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  KtsProject *project = KTS_PROJECT (source);

  self->saving = FALSE;
  if (!kts_project_save_finish (project, result, &error))
    {
      g_autofree char *name = project_display_name (self);
      g_autofree char *heading = g_strdup_printf (_ ("Could Not Save “%s”"), name);
      g_autofree char *body = g_strdup_printf (
          _ ("%s\n\nYour work is still open and nothing was lost. Free some space or choose "
             "another folder with Save As."),
          error->message);

      self->close_after_save = FALSE;
      show_error_dialog (self, heading, body);
      update_title (self);
      return;
    }

  if (project != self->project)
    return;

  self->recovered = FALSE;
  discard_recovery (self);
  add_to_recent (kts_project_get_file (project));
  remember_file (self, kts_project_get_file (project));
  update_title (self);
  update_actions (self);

  if (self->close_after_save)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_to (KtsWindow *self, GFile *file)
{
  if (self->project == NULL || self->saving)
    return;
  self->saving = TRUE;
  kts_project_save_async (self->project, file, NULL, save_done_cb, g_object_ref (self));
}

static void
action_save (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkWidget *widget = user_data;

  KtsWindow *self = KTS_WINDOW (widget);
  GFile     *file;

  if (self->project == NULL)
    return;
  file = kts_project_get_file (self->project);
  if (file == NULL)
    save_as (self);
  else
    save_to (self, file);
}

static GtkFileFilter *
project_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("Kintsugi Projects"));
  gtk_file_filter_add_pattern (filter, "*.kintsugi");
  return filter;
}

static void
save_as_response_cb (GtkNativeDialog *native, int response, KtsWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *base = g_file_get_basename (chosen);
      g_autoptr (GFile) file = NULL;

      if (!g_str_has_suffix (base, ".kintsugi"))
        {
          g_autofree char *with_suffix = g_strconcat (base, ".kintsugi", NULL);
          g_autoptr (GFile) parent = g_file_get_parent (chosen);
          file = g_file_get_child (parent, with_suffix);
        }
      else
        file = g_object_ref (chosen);
      save_to (self, file);
    }
  else
    self->close_after_save = FALSE;
  g_object_unref (native);
}

static void
save_as (KtsWindow *self)
{
  GtkFileChooserNative *native;
  g_autoptr (GtkFileFilter) filter = project_filter ();
  g_autofree char *name = project_display_name (self);
  g_autofree char *file_name = g_strconcat (name, ".kintsugi", NULL);
  GFile           *current;

  if (self->project == NULL)
    return;

  native = gtk_file_chooser_native_new (_ ("Save Project"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  current = kts_project_get_file (self->project);
  if (current != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (native), current, NULL);
  else
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), file_name);
  g_signal_connect (native, "response", G_CALLBACK (save_as_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
action_save_as (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkWidget *widget = user_data;

  save_as (KTS_WINDOW (widget));
}

static void
load_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KtsWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsProject) project = kts_project_load_finish (result, &error);
  GFile *file = g_object_get_data (G_OBJECT (self), "kts-loading-file");

  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  if (project == NULL)
    {
      g_autofree char *name = file != NULL ? g_file_get_basename (file) : g_strdup ("");
      g_autofree char *heading = g_strdup_printf (_ ("Could Not Open “%s”"), name);
      show_error_dialog (self, heading, error->message);
      return;
    }

  kts_window_set_project (self, project, FALSE);
  if (kts_project_get_file (project) != NULL)
    {
      add_to_recent (kts_project_get_file (project));
      remember_file (self, kts_project_get_file (project));
    }
}

void
kts_window_open_file (KtsWindow *self, GFile *file)
{
  g_return_if_fail (KTS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* The name is needed for an error message; the result does not carry it. */
  g_object_set_data_full (G_OBJECT (self), "kts-loading-file", g_object_ref (file), g_object_unref);
  kts_project_load_async (file, NULL, load_done_cb, g_object_ref (self));
}

/* ---- import ---------------------------------------------------------------------- */

static void
action_show_import_warnings (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow *self = KTS_WINDOW (widget);
  GString   *body = g_string_new (NULL);
  GtkWidget *dialog;

  if (self->import_warnings == NULL || self->import_warnings->len == 0)
    {
      g_string_free (body, TRUE);
      return;
    }
  for (guint i = 0; i < self->import_warnings->len && i < 30; i++)
    {
      if (body->len > 0)
        g_string_append_c (body, '\n');
      g_string_append (body, g_ptr_array_index (self->import_warnings, i));
    }
  if (self->import_warnings->len > 30)
    g_string_append_printf (body, "\n%s", _ ("…and more."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _ ("Import Warnings"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_string_free (body, TRUE);
}

static void
ensure_project (KtsWindow *self)
{
  if (self->project == NULL)
    {
      g_autoptr (KtsProject) project = kts_project_new ();
      kts_window_set_project (self, project, FALSE);
    }
}

/* Imports @files as one undoable step; reports errors and warnings. */
static void
import_files (KtsWindow *self, GFile **files, guint n_files)
{
  g_autoptr (GString) errors = g_string_new (NULL);
  g_autofree char *label = NULL;
  KtsDocument     *last = NULL;
  guint            n_imported = 0;

  ensure_project (self);
  g_clear_pointer (&self->import_warnings, g_ptr_array_unref);
  self->import_warnings = g_ptr_array_new_with_free_func (g_free);

  label = n_files == 1 ? g_strdup (_ ("Import transcript"))
                       : g_strdup_printf (_ ("Import %u transcripts"), n_files);
  kts_project_begin_group (self->project, label);
  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (KtsImportResult) result = kts_import_transcript (files[i], NULL, NULL, 0, &error);

      if (result == NULL || !kts_project_add_document (self->project, result->document, -1, &error))
        {
          g_autofree char *base = g_file_get_basename (files[i]);
          if (errors->len > 0)
            g_string_append_c (errors, '\n');
          /* Translators: "s4.txt: the file is empty" */
          g_string_append_printf (errors, _ ("%s: %s"), base, error->message);
          continue;
        }
      for (guint w = 0; result->warnings != NULL && w < result->warnings->len; w++)
        g_ptr_array_add (self->import_warnings, g_strdup (g_ptr_array_index (result->warnings, w)));
      last = result->document;
      n_imported++;
    }
  kts_project_end_group (self->project);

  if (last != NULL)
    kts_window_show_document (self, last);

  if (errors->len > 0)
    show_error_dialog (self,
                       n_imported > 0 ? _ ("Some Transcripts Could Not Be Imported")
                                      : _ ("Could Not Import the Transcript"),
                       errors->str);

  if (n_imported > 0)
    {
      g_autofree char *title = NULL;
      AdwToast        *t;
      guint            n_warnings = self->import_warnings->len;

      if (n_warnings > 0)
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported with %u warning",
                                              "Imported with %u warnings", n_warnings),
                                 n_warnings);
      else if (n_imported == 1)
        title = g_strdup_printf (_ ("Imported “%s”"), kts_document_get_title (last));
      else
        title = g_strdup_printf (_ ("Imported %u transcripts"), n_imported);
      t = adw_toast_new (title);
      if (n_warnings > 0)
        {
          adw_toast_set_button_label (t, _ ("_Details"));
          adw_toast_set_action_name (t, "win.show-import-warnings");
        }
      adw_toast_overlay_add_toast (self->toast_overlay, t);
    }
}

static void
import_dialog_imported_cb (KtsImportDialog *dialog,
                           KtsProject      *project,
                           KtsDocument     *last,
                           guint            n_documents,
                           KtsWindow       *self)
{
  g_autofree char *title = NULL;

  if (project != self->project)
    kts_window_set_project (self, project, FALSE);
  if (last != NULL)
    kts_window_show_document (self, last);
  if (n_documents == 1 && last != NULL)
    title = g_strdup_printf (_ ("Imported “%s”"), kts_document_get_title (last));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u transcript",
                                          "Imported %u transcripts", n_documents),
                             n_documents);
  toast (self, title);
}

KtsImportDialog *
kts_window_import_files (KtsWindow *self, GFile **files, guint n_files)
{
  KtsImportDialog *dialog;

  g_return_val_if_fail (KTS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (files != NULL && n_files > 0, NULL);

  dialog = kts_import_dialog_new (GTK_WINDOW (self), self->project, files, n_files);
  /* A project still loading when the dialog opened is the one to import into. */
  g_object_bind_property (self, "project", dialog, "project", G_BINDING_DEFAULT);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (import_dialog_imported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
import_response_cb (GtkNativeDialog *native, int response, KtsWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      g_autoptr (GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      if (array->len > 0)
        kts_window_import_files (self, (GFile **)array->pdata, array->len);
    }
  g_object_unref (native);
}

static void
add_import_filter (GtkFileChooser    *chooser,
                   const char        *name,
                   const char *const *patterns,
                   const char *const *mime_types)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns != NULL && patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  for (guint i = 0; mime_types != NULL && mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
action_import (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  static const char *const transcripts[]
      = { "*.txt", "*.TXT", "*.docx", "*.DOCX", "*.odt", "*.ODT", NULL };
  static const char *const text[] = { "*.txt", "*.TXT", NULL };
  static const char *const text_types[] = { "text/plain", NULL };
  static const char *const word[] = { "*.docx", "*.DOCX", NULL };
  static const char *const word_types[]
      = { "application/vnd.openxmlformats-officedocument.wordprocessingml.document", NULL };
  static const char *const odt[] = { "*.odt", "*.ODT", NULL };
  static const char *const odt_types[] = { "application/vnd.oasis.opendocument.text", NULL };
  static const char *const all[] = { "*", NULL };
  KtsWindow               *self = KTS_WINDOW (user_data);
  GtkFileChooserNative    *native;
  GtkFileChooser          *chooser;

  native = gtk_file_chooser_native_new (_ ("Import Transcripts"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  chooser = GTK_FILE_CHOOSER (native);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (chooser, TRUE);

  add_import_filter (chooser, _ ("Transcripts (.txt, .docx, .odt)"), transcripts, NULL);
  add_import_filter (chooser, _ ("Text Files"), text, text_types);
  add_import_filter (chooser, _ ("Word Documents"), word, word_types);
  add_import_filter (chooser, _ ("OpenDocument Text"), odt, odt_types);
  add_import_filter (chooser, _ ("All Files"), all, NULL);

  g_signal_connect (native, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
action_import_file (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkWidget *widget = user_data;

  g_autoptr (GFile) file = g_file_new_for_commandline_arg (g_variant_get_string (param, NULL));

  import_files (KTS_WINDOW (widget), &file, 1);
}

/* ---- REFI-QDA and CSV (kts-refi-dialogs.c) ----------------------------------------- */

static void
action_exchange (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  KtsWindow  *self = KTS_WINDOW (user_data);
  const char *name = g_action_get_name (G_ACTION (action));

  if (g_str_equal (name, "import-codebook"))
    kts_refi_dialogs_import_codebook (self, NULL);
  else if (g_str_equal (name, "open-refi-project"))
    kts_refi_dialogs_open_project (self, NULL);
  else if (g_str_equal (name, "export-codebook"))
    kts_refi_dialogs_export_codebook (self, NULL);
  else if (g_str_equal (name, "export-refi-project"))
    kts_refi_dialogs_export_project (self, NULL);
  else if (g_str_equal (name, "export-codings"))
    kts_refi_dialogs_export_codings (self, NULL, FALSE);
}

static void
action_search (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow *self = KTS_WINDOW (widget);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (self->view_stack)),
                 "codebook")
      == 0)
    kts_codebook_view_focus_search (self->codebook_view);
  else if (self->document != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->transcript_view), "transcript.search", NULL);
  else
    kts_codebook_panel_focus_search (self->codebook_panel);
}

/* The Codebook view, with @code (a guid) selected. */
static void
action_show_code (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow *self = KTS_WINDOW (widget);
  KtsCode   *code = lookup_code (self, g_variant_get_string (param, NULL));

  if (code == NULL)
    return;
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "codebook");
  kts_codebook_view_show_code (self->codebook_view, code);
}

/* The Codebook view, with the contrast card @id shown. */
static void
action_show_card (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow *self = KTS_WINDOW (widget);

  if (self->project == NULL)
    return;
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "codebook");
  if (!kts_codebook_view_show_card (self->codebook_view, g_variant_get_string (param, NULL)))
    toast (self, _ ("That contrast card is hidden with the theory layers until step 5"));
}

/* Ctrl+1…5: the views in the switcher's order. */
static void
action_show_view (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow *self = KTS_WINDOW (widget);

  if (self->project != NULL)
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack),
                                           g_variant_get_string (param, NULL));
}

/* "Code This Transcript": the set's transcript, coded as its student, with
 * only the student's codings shown and only the practised layers offered. */
static void
action_code_practice_set (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsWindow       *self = KTS_WINDOW (widget);
  KtsItem         *item;
  KtsPracticeSet  *set;
  KtsCoder        *student;
  g_autofree char *layers = NULL;
  g_autofree char *title = NULL;

  if (self->project == NULL)
    return;
  item = kts_project_lookup (self->project, g_variant_get_string (param, NULL));
  if (item == NULL || !KTS_IS_PRACTICE_SET (item))
    return;
  set = KTS_PRACTICE_SET (item);
  if (kts_practice_set_get_state (set) != KTS_PRACTICE_STATE_OPEN)
    {
      toast (self, _ ("This practice set was submitted; its codings can no longer change"));
      return;
    }
  student = kts_practice_set_get_student_coder (set);
  g_set_weak_pointer (&self->practice_set, set);
  kts_window_set_coder (self, student);
  kts_window_show_document (self, kts_practice_set_get_document (set));
  kts_transcript_view_set_visible_coder (self->transcript_view, student);
  update_practice_restriction (self);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "transcripts");
  gtk_widget_grab_focus (GTK_WIDGET (self->transcript_view));

  layers = kts_practice_set_dup_layers_label (set);
  /* Translators: "Coding as “Ann” · RUP, SD · submit in the Practice view" */
  title = g_strdup_printf (_ ("Coding as “%s” · %s · submit in the Practice view"),
                           kts_coder_get_name (student), layers);
  toast (self, title);
}

KtsPracticeView *
kts_window_get_practice_view (KtsWindow *self)
{
  g_return_val_if_fail (KTS_IS_WINDOW (self), NULL);
  return self->practice_view;
}

KtsCodebookPanel *
kts_window_get_codebook_panel (KtsWindow *self)
{
  g_return_val_if_fail (KTS_IS_WINDOW (self), NULL);
  return self->codebook_panel;
}

/* ---- files dropped on the window -------------------------------------------------- */

static gboolean
files_dropped_cb (GtkDropTarget *target, const GValue *value, double x, double y, KtsWindow *self)
{
  GSList *files = g_value_get_boxed (value);
  g_autoptr (GPtrArray) transcripts = g_ptr_array_new ();
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      if (name != NULL && g_str_has_suffix (name, ".kintsugi"))
        {
          if (KTS_IS_APPLICATION (app))
            kts_application_open_file (KTS_APPLICATION (app), l->data);
          else
            kts_window_open_file (self, l->data);
        }
      else
        g_ptr_array_add (transcripts, l->data);
    }
  if (transcripts->len > 0)
    kts_window_import_files (self, (GFile **)transcripts->pdata, transcripts->len);
  return TRUE;
}

/* ---- state ---------------------------------------------------------------------- */

static void
update_title (KtsWindow *self)
{
  g_autofree char *name = project_display_name (self);
  g_autofree char *window_title = NULL;
  gboolean         dirty = kts_window_has_unsaved_changes (self);
  GFile           *file = self->project != NULL ? kts_project_get_file (self->project) : NULL;

  if (self->project == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), "Kintsugi");
      adw_view_switcher_title_set_title (self->switcher_title, "Kintsugi");
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
      return;
    }

  /* Translators: window title: "• Rupture study — Kintsugi" when unsaved */
  window_title = dirty ? g_strdup_printf (_ ("• %s — Kintsugi"), name)
                       : g_strdup_printf (_ ("%s — Kintsugi"), name);
  gtk_window_set_title (GTK_WINDOW (self), window_title);

  if (dirty)
    {
      g_autofree char *marked = g_strdup_printf ("• %s", name);
      adw_view_switcher_title_set_title (self->switcher_title, marked);
      adw_view_switcher_title_set_subtitle (self->switcher_title, _ ("Unsaved changes"));
    }
  else
    {
      g_autofree char *subtitle = NULL;

      adw_view_switcher_title_set_title (self->switcher_title, name);
      if (file != NULL)
        {
          g_autoptr (GFile) parent = g_file_get_parent (file);
          g_autoptr (GFile) home = g_file_new_for_path (g_get_home_dir ());
          g_autofree char *relative
              = parent != NULL ? g_file_get_relative_path (home, parent) : NULL;

          if (parent != NULL && g_file_equal (parent, home))
            subtitle = g_strdup ("~");
          else if (relative != NULL)
            subtitle = g_build_filename ("~", relative, NULL);
          else if (parent != NULL)
            subtitle = g_file_get_parse_name (parent);
        }
      adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
    }
}

static void
update_undo_tooltips (KtsWindow *self)
{
  const char      *undo = self->project != NULL ? kts_project_get_undo_label (self->project) : NULL;
  const char      *redo = self->project != NULL ? kts_project_get_redo_label (self->project) : NULL;
  g_autofree char *undo_tip = undo != NULL ? g_strdup_printf (_ ("Undo %s"), undo) : NULL;
  g_autofree char *redo_tip = redo != NULL ? g_strdup_printf (_ ("Redo %s"), redo) : NULL;

  gtk_widget_set_tooltip_text (self->undo_button, undo_tip != NULL ? undo_tip : _ ("Undo"));
  gtk_widget_set_tooltip_text (self->redo_button, redo_tip != NULL ? redo_tip : _ ("Redo"));
}

static void
set_map_action_enabled (KtsWindow *self, const char *name, gboolean enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* The view switcher shows once there is more than one view to switch to. */
static void
update_view_switcher (KtsWindow *self)
{
  g_autoptr (GtkSelectionModel) pages
      = adw_view_stack_get_pages (ADW_VIEW_STACK (self->view_stack));
  guint n_visible = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr (AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      if (adw_view_stack_page_get_visible (page))
        n_visible++;
    }
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title,
                                                     self->project != NULL && n_visible > 1);
}

static void
update_actions (KtsWindow *self)
{
  GtkWidget *w = GTK_WIDGET (self);
  gboolean   has_project = self->project != NULL;
  gboolean   has_document = self->document != NULL;

  set_map_action_enabled (self, "save", has_project);
  set_map_action_enabled (self, "save-as", has_project);
  set_map_action_enabled (self, "export-codebook", has_project);
  set_map_action_enabled (self, "export-refi-project", has_project);
  set_map_action_enabled (self, "export-codings", has_project);
  gtk_widget_action_set_enabled (w, "win.undo",
                                 has_project && kts_project_can_undo (self->project));
  gtk_widget_action_set_enabled (w, "win.redo",
                                 has_project && kts_project_can_redo (self->project));
  gtk_widget_action_set_enabled (w, "win.quick-code", has_document);
  gtk_widget_action_set_enabled (w, "win.next-coding", has_document);
  gtk_widget_action_set_enabled (w, "win.previous-coding", has_document);
  gtk_widget_action_set_enabled (w, "win.next-coding-of", has_document);
  gtk_widget_action_set_enabled (w, "win.previous-coding-of", has_document);
  gtk_widget_action_set_enabled (w, "win.next-coding-of-selected", has_document);
  gtk_widget_action_set_enabled (w, "win.previous-coding-of-selected", has_document);
  gtk_widget_action_set_enabled (w, "win.apply-code", has_document);
  gtk_widget_action_set_enabled (w, "win.apply-code-to-selection", has_document);
  gtk_widget_action_set_enabled (w, "win.apply-shortcut", has_document);
  gtk_widget_action_set_enabled (w, "win.toggle-sidebar", has_project);
  gtk_widget_action_set_enabled (w, "win.search", has_project);
  gtk_widget_action_set_enabled (w, "win.show-code", has_project);
  gtk_widget_action_set_enabled (w, "win.show-card", has_project);
  gtk_widget_action_set_enabled (w, "win.show-view", has_project);
  gtk_widget_action_set_enabled (w, "win.code-practice-set", has_project);
  gtk_widget_set_visible (self->sidebar_button, has_project);
  /* The welcome page has no views to switch between. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, has_project);
  gtk_widget_set_visible (gtk_widget_get_parent (self->undo_button), has_project);
  gtk_widget_action_set_enabled (w, "win.reveal-coding", has_project);
  gtk_widget_action_set_enabled (w, "win.add-to-map", has_project);
  gtk_widget_action_set_enabled (w, "win.remove-coding", has_project);
  gtk_widget_action_set_enabled (w, "win.coders", has_project);
  gtk_widget_action_set_enabled (w, "win.show-map-move", has_project);
  gtk_widget_action_set_enabled (w, "win.new-episode", has_project);
  update_view_switcher (self);
  update_undo_tooltips (self);
}

static void
update_center (KtsWindow *self)
{
  gboolean has_documents
      = self->project != NULL
        && g_list_model_get_n_items (kts_project_get_documents (self->project)) > 0;

  gtk_stack_set_visible_child_name (GTK_STACK (self->center_stack),
                                    has_documents ? "transcript" : "no-documents");
}

static void
project_changed_cb (KtsWindow *self)
{
  update_practice_restriction (self);
  update_title (self);
  update_actions (self);
  update_center (self);
  schedule_autosave (self);
}

static void
project_notify_cb (KtsWindow *self, GParamSpec *pspec)
{
  update_title (self);
  update_actions (self);
}

static void
selected_document_cb (KtsWindow *self)
{
  KtsDocument *doc = kts_document_list_get_selected_document (self->document_list);

  if (doc != self->document)
    transcript_set_document (self, doc);
  update_actions (self);
}

KtsDocument *
kts_window_get_document (KtsWindow *self)
{
  g_return_val_if_fail (KTS_IS_WINDOW (self), NULL);
  return self->document;
}

void
kts_window_show_document (KtsWindow *self, KtsDocument *document)
{
  g_return_if_fail (KTS_IS_WINDOW (self));
  g_return_if_fail (KTS_IS_DOCUMENT (document));

  kts_document_list_set_selected_document (self->document_list, document);
  if (self->document != document)
    transcript_set_document (self, document);
  update_actions (self);
}

KtsProject *
kts_window_get_project (KtsWindow *self)
{
  g_return_val_if_fail (KTS_IS_WINDOW (self), NULL);
  return self->project;
}

gboolean
kts_window_has_unsaved_changes (KtsWindow *self)
{
  g_return_val_if_fail (KTS_IS_WINDOW (self), FALSE);
  return self->project != NULL && (self->recovered || kts_project_get_dirty (self->project));
}

gboolean
kts_window_is_pristine (KtsWindow *self)
{
  g_return_val_if_fail (KTS_IS_WINDOW (self), FALSE);

  if (self->project == NULL)
    return TRUE;
  return kts_project_get_file (self->project) == NULL && !kts_window_has_unsaved_changes (self)
         && g_list_model_get_n_items (kts_project_get_documents (self->project)) == 0
         && kts_codebook_get_n_codes (kts_project_get_codebook (self->project)) == 0;
}

void
kts_window_set_project (KtsWindow *self, KtsProject *project, gboolean recovered)
{
  g_return_if_fail (KTS_IS_WINDOW (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));

  if (self->project != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->project);
      g_clear_signal_handler (&self->notify_id, self->project);
    }
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_pointer (&self->written_recovery_id, g_free);
  g_clear_weak_pointer (&self->last_coding);
  g_clear_weak_pointer (&self->practice_set);
  g_clear_object (&self->coder);

  transcript_set_document (self, NULL);

  g_set_object (&self->project, project);
  self->recovered = recovered;

  if (project != NULL)
    {
      self->changed_id
          = g_signal_connect_swapped (project, "changed", G_CALLBACK (project_changed_cb), self);
      self->notify_id
          = g_signal_connect_swapped (project, "notify", G_CALLBACK (project_notify_cb), self);
      self->autosaved_serial = kts_project_get_change_serial (project);
      if (recovered)
        {
          /* The recovery copy already sits in this project's slot. */
          self->written_recovery_id = kts_window_dup_recovery_id (self);
        }
    }

  kts_document_list_set_project (self->document_list, project);
  kts_codebook_panel_set_project (self->codebook_panel, project);
  kts_analysis_view_set_project (self->analysis_view, project);
  kts_codebook_view_set_project (self->codebook_view, project);
  kts_map_view_set_project (self->map_view, project);
  kts_practice_view_set_project (self->practice_view, project);
  kts_quick_code_popover_set_project (KTS_QUICK_CODE_POPOVER (self->quick_code), project);
  /* Another project: everyone's codings again, and the switcher follows. */
  kts_transcript_view_set_visible_coders (self->transcript_view, NULL);
  kts_coder_switcher_set_project (KTS_CODER_SWITCHER (self->coder_switcher), project);
  update_coder_switcher (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack),
                                    project != NULL ? "project" : "welcome");

  selected_document_cb (self);
  update_center (self);
  update_title (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

/* ---- closing ---------------------------------------------------------------------- */

static void
close_response_cb (AdwMessageDialog *dialog, const char *response, KtsWindow *self)
{
  if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.save", NULL);
    }
  else if (g_str_equal (response, "discard"))
    {
      discard_recovery (self);
      self->recovered = FALSE;
      kts_window_set_project (self, NULL, FALSE);
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static gboolean
kts_window_close_request (GtkWindow *window)
{
  KtsWindow *self = KTS_WINDOW (window);

  if (kts_window_has_unsaved_changes (self))
    {
      g_autofree char *name = project_display_name (self);
      g_autofree char *heading = g_strdup (_ ("Save Changes?"));
      g_autofree char *body = g_strdup_printf (
          _ ("“%s” has unsaved changes. Changes which are not saved will be permanently lost."),
          name);
      GtkWidget *dialog = adw_message_dialog_new (window, heading, body);

      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"),
                                        "discard", _ ("_Discard"), "save", _ ("_Save"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  /* A clean exit leaves no recovery copy behind. */
  discard_recovery (self);
  return GTK_WINDOW_CLASS (kts_window_parent_class)->close_request (window);
}

/* ---- GObject -------------------------------------------------------------------- */

static void
kts_window_dispose (GObject *object)
{
  KtsWindow *self = KTS_WINDOW (object);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (self->project != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->project);
      g_clear_signal_handler (&self->notify_id, self->project);
    }
  g_clear_object (&self->document);
  g_clear_object (&self->project);
  g_clear_object (&self->coder);
  g_clear_weak_pointer (&self->last_coding);
  g_clear_weak_pointer (&self->practice_set);
  g_clear_weak_pointer (&self->coding_toast);
  g_clear_pointer (&self->quick_code, gtk_widget_unparent);
  g_clear_pointer (&self->coding_popover, gtk_widget_unparent);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), KTS_TYPE_WINDOW);

  G_OBJECT_CLASS (kts_window_parent_class)->dispose (object);
}

static void
kts_window_finalize (GObject *object)
{
  KtsWindow *self = KTS_WINDOW (object);

  g_clear_pointer (&self->import_warnings, g_ptr_array_unref);
  g_free (self->untitled_id);
  g_free (self->written_recovery_id);
  G_OBJECT_CLASS (kts_window_parent_class)->finalize (object);
}

static void
kts_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsWindow *self = KTS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, self->sidebar_visible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KtsWindow *self = KTS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      if (self->sidebar_visible != g_value_get_boolean (value))
        {
          self->sidebar_visible = g_value_get_boolean (value);
          gtk_widget_set_visible (GTK_WIDGET (self->document_list), self->sidebar_visible);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_window_class_init (KtsWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = kts_window_dispose;
  object_class->finalize = kts_window_finalize;
  object_class->get_property = kts_window_get_property;
  object_class->set_property = kts_window_set_property;
  window_class->close_request = kts_window_close_request;

  properties[PROP_PROJECT] = g_param_spec_object ("project", NULL, NULL, KTS_TYPE_PROJECT,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDEBAR_VISIBLE]
      = g_param_spec_boolean ("sidebar-visible", NULL, NULL, TRUE,
                              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KTS_TYPE_DOCUMENT_LIST);
  g_type_ensure (KTS_TYPE_CODEBOOK_PANEL);
  g_type_ensure (KTS_TYPE_ANALYSIS_VIEW);
  g_type_ensure (KTS_TYPE_CODEBOOK_VIEW);
  g_type_ensure (KTS_TYPE_MAP_VIEW);
  g_type_ensure (KTS_TYPE_PRACTICE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kintsugi_qda/Kintsugi/kts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, document_list);
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, center_stack);
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, transcript_box);
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, codebook_panel);
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, analysis_view);
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, codebook_view);
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, practice_view);
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, KtsWindow, recent_submenu);
  gtk_widget_class_bind_template_callback (widget_class, selected_document_cb);

  gtk_widget_class_install_action (widget_class, "win.show-import-warnings", NULL,
                                   action_show_import_warnings);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, action_undo);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, action_undo);
  gtk_widget_class_install_action (widget_class, "win.apply-code", "s", action_apply_code);
  gtk_widget_class_install_action (widget_class, "win.apply-code-to-selection", "s",
                                   action_apply_code_to_selection);
  gtk_widget_class_install_action (widget_class, "win.apply-code-range", "(ssuu)",
                                   action_apply_code_range);
  gtk_widget_class_install_action (widget_class, "win.apply-shortcut", "i", action_apply_shortcut);
  gtk_widget_class_install_action (widget_class, "win.quick-code", NULL, action_quick_code);
  gtk_widget_class_install_action (widget_class, "win.next-coding", NULL, action_next_coding);
  gtk_widget_class_install_action (widget_class, "win.previous-coding", NULL, action_next_coding);
  gtk_widget_class_install_action (widget_class, "win.next-coding-of", "s", action_next_coding);
  gtk_widget_class_install_action (widget_class, "win.previous-coding-of", "s", action_next_coding);
  gtk_widget_class_install_action (widget_class, "win.next-coding-of-selected", NULL,
                                   action_next_coding_of_selected);
  gtk_widget_class_install_action (widget_class, "win.previous-coding-of-selected", NULL,
                                   action_next_coding_of_selected);
  gtk_widget_class_install_action (widget_class, "win.set-actor", "s", action_set_actor);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, action_search);
  gtk_widget_class_install_action (widget_class, "win.reveal-coding", "s", action_reveal_coding);
  gtk_widget_class_install_action (widget_class, "win.show-code", "s", action_show_code);
  gtk_widget_class_install_action (widget_class, "win.show-card", "s", action_show_card);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", action_show_view);
  gtk_widget_class_install_action (widget_class, "win.code-practice-set", "s",
                                   action_code_practice_set);
  gtk_widget_class_install_action (widget_class, "win.add-to-map", "s", action_add_to_map);
  gtk_widget_class_install_action (widget_class, "win.remove-coding", "s", action_remove_coding);
  gtk_widget_class_install_action (widget_class, "win.coders", NULL, action_coders);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_K, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.coders", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-map-move", "s", action_show_map_move);
  gtk_widget_class_install_action (widget_class, "win.new-episode", NULL, action_new_episode);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-sidebar", "sidebar-visible");

  /* Digits apply codes, unless typed into an entry; see digit_shortcut_cb(). */
  for (int digit = 1; digit <= 9; digit++)
    {
      gtk_widget_class_add_binding (widget_class, GDK_KEY_0 + digit, 0, digit_shortcut_cb, "i",
                                    digit);
      gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_0 + digit, 0, digit_shortcut_cb, "i",
                                    digit);
    }
}

/* File actions live in the window's action map rather than the widget class,
 * so that GtkApplication exports them on D-Bus with the window (the crash
 * recovery test drives them from outside). */
static const GActionEntry file_actions[] = {
  { "save", action_save },
  { "save-as", action_save_as },
  { "import", action_import },
  { "import-file", action_import_file, "s" },
  { "import-codebook", action_exchange },
  { "open-refi-project", action_exchange },
  { "export-codebook", action_exchange },
  { "export-refi-project", action_exchange },
  { "export-codings", action_exchange },
};

static void
kts_window_init (KtsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (self), file_actions, G_N_ELEMENTS (file_actions),
                                   self);

  self->untitled_id = kts_guid_new ();
  self->sidebar_visible = TRUE;

  build_transcript (self);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child", G_CALLBACK (visible_view_cb),
                            self);

  /* Projects dropped on the window open; anything else is imported. */
  {
    GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
    g_signal_connect (drop, "drop", G_CALLBACK (files_dropped_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (drop));
  }
  g_signal_connect (self->quick_code, "code-chosen", G_CALLBACK (quick_code_chosen_cb), self);

  self->settings = kts_application_lookup_settings ();
  if (self->settings != NULL)
    g_settings_bind (self->settings, "snap-to-words", self->transcript_view, "snap-to-words",
                     G_SETTINGS_BIND_GET);
  update_title (self);
  update_actions (self);
}

KtsWindow *
kts_window_new (GtkApplication *application)
{
  KtsWindow *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  self = g_object_new (KTS_TYPE_WINDOW, "application", application, NULL);
  if (application != NULL && KTS_IS_APPLICATION (application))
    g_menu_append_section (self->recent_submenu, NULL,
                           kts_application_get_recent_menu (KTS_APPLICATION (application)));
  return self;
}
