/* kts-import-dialog.c: the dialog that reads transcript files and previews them before import.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kts-enum-types.h"
#include "kts-import-dialog.h"

/* How many turns the preview shows, and how much of each. */
#define PREVIEW_TURNS 8
#define PREVIEW_CHARS 360

/* The roles in the order the role choosers list them. */
static const KtsRole role_order[] = {
  KTS_ROLE_THERAPIST,
  KTS_ROLE_CLIENT,
  KTS_ROLE_INTERVIEWER,
  KTS_ROLE_OTHER,
};

struct _KtsImportDialog
{
  AdwWindow parent_instance;

  /* template */
  AdwWindowTitle *window_title;
  GtkWidget      *import_button;
  GtkListBox     *file_list;
  GtkWidget      *all_pseudonymised_switch;
  GtkStack       *detail_stack;
  AdwStatusPage  *reading_page;
  GtkWidget      *reading_spinner;
  AdwStatusPage  *failed_page;
  GtkWidget      *ready_page;
  GtkWidget      *title_row;
  GtkWidget      *pseudonymised_switch;
  GtkWidget      *include_switch;
  GtkWidget      *format_row;
  GtkWidget      *format_icon;
  GtkWidget      *file_group;
  GPtrArray      *warning_rows;
  GtkWidget      *speakers_group;
  GtkListBox     *speakers_list;
  GtkListBox     *preview_list;
  GtkWidget      *progress_revealer;
  GtkWidget      *progress_bar;

  KtsProject   *project; /* may be NULL: a new project is made on import */
  GListStore   *items;
  GCancellable *cancellable;
  gboolean      reading;
  gboolean      busy;
  guint         n_read;
  guint64       bytes_total;
  guint64       bytes_read;

  /* casefolded label → KtsSpeakerRole chosen in this dialog */
  GHashTable *roles;

  KtsImportItem *selected;
  GSignalGroup  *selected_signals;
  gboolean       updating; /* widgets are being set from the model */
};

G_DEFINE_FINAL_TYPE (KtsImportDialog, kts_import_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_BUSY,
  PROP_PROJECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void show_selected (KtsImportDialog *self);
static void update_state (KtsImportDialog *self);

static const char *
role_label (KtsRole role)
{
  switch (role)
    {
    case KTS_ROLE_THERAPIST:
      return _ ("Therapist");
    case KTS_ROLE_CLIENT:
      return _ ("Client");
    case KTS_ROLE_INTERVIEWER:
      return _ ("Interviewer");
    case KTS_ROLE_OTHER:
    default:
      return _ ("Other");
    }
}

static guint
role_position (KtsRole role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_order); i++)
    if (role_order[i] == role)
      return i;
  return G_N_ELEMENTS (role_order) - 1;
}

static KtsImportItem *
item_at (KtsImportDialog *self, guint index)
{
  g_autoptr (KtsImportItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), index);
  return item; /* the store keeps it alive */
}

static char *
format_count (guint n)
{
  /* Digit grouping of the user's locale: "12,345", "12.345", "12 345". */
  return g_strdup_printf ("%'u", n);
}

/* ---- busy state ---------------------------------------------------------------- */

static void
update_busy (KtsImportDialog *self)
{
  gboolean busy = self->reading;
  guint    n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n && !busy; i++)
    busy = kts_import_item_get_busy (item_at (self, i));
  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  update_state (self);
}

static void
update_progress (KtsImportDialog *self)
{
  guint  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  double fraction;

  if (self->bytes_total > 0)
    fraction = (double)self->bytes_read / (double)self->bytes_total;
  else
    fraction = n > 0 ? (double)self->n_read / n : 1.0;
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), CLAMP (fraction, 0.0, 1.0));
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->progress_revealer), self->reading);
}

/* The subtitle, the Import action, and the "all pseudonymised" switch follow
 * the items. */
static void
update_state (KtsImportDialog *self)
{
  guint            n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint            n_importable = 0, n_failed = 0, n_ready = 0, n_pseudonymised = 0;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < n; i++)
    {
      KtsImportItem *item = item_at (self, i);

      switch (kts_import_item_get_state (item))
        {
        case KTS_IMPORT_ITEM_READY:
          n_ready++;
          if (kts_import_item_get_pseudonymised (item))
            n_pseudonymised++;
          break;
        case KTS_IMPORT_ITEM_FAILED:
          n_failed++;
          break;
        case KTS_IMPORT_ITEM_WAITING:
        case KTS_IMPORT_ITEM_READING:
        default:
          break;
        }
      if (kts_import_item_is_importable (item))
        n_importable++;
    }

  if (self->reading)
    subtitle = g_strdup_printf (_ ("Reading file %u of %u…"), MIN (self->n_read + 1, n), n);
  else if (n_importable == 0)
    subtitle = g_strdup (_ ("No transcripts to import"));
  else if (n_failed > 0)
    {
      g_autofree char *to_import
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u transcript to import",
                                          "%u transcripts to import", n_importable),
                             n_importable);
      g_autofree char *skipped = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u file skipped", "%u files skipped", n_failed), n_failed);

      /* Translators: "3 transcripts to import, 1 file skipped" */
      subtitle = g_strdup_printf (_ ("%s, %s"), to_import, skipped);
    }
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u transcript to import",
                                             "%u transcripts to import", n_importable),
                                n_importable);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import-dialog.import",
                                 !self->busy && n_importable > 0);

  self->updating = TRUE;
  gtk_switch_set_active (GTK_SWITCH (self->all_pseudonymised_switch),
                         n_ready > 0 && n_pseudonymised == n_ready);
  self->updating = FALSE;
}

/* ---- the file list ------------------------------------------------------------------ */

static void
file_row_update (GtkWidget *row)
{
  KtsImportItem   *item = g_object_get_data (G_OBJECT (row), "item");
  GtkWidget       *title = g_object_get_data (G_OBJECT (row), "title");
  GtkWidget       *subtitle = g_object_get_data (G_OBJECT (row), "subtitle");
  GtkWidget       *status = g_object_get_data (G_OBJECT (row), "status");
  KtsDocument     *document = kts_import_item_get_document (item);
  g_autofree char *text = NULL;
  const char      *status_name = "none";

  switch (kts_import_item_get_state (item))
    {
    case KTS_IMPORT_ITEM_WAITING:
      text = g_strdup (_ ("Waiting"));
      break;
    case KTS_IMPORT_ITEM_READING:
      text = g_strdup (_ ("Reading…"));
      status_name = "spinner";
      break;
    case KTS_IMPORT_ITEM_FAILED:
      text = g_strdup (_ ("Cannot be imported"));
      status_name = "error";
      break;
    case KTS_IMPORT_ITEM_READY:
    default:
      {
        guint            n_turns = kts_document_get_n_turns (document);
        guint            n_warnings = kts_import_item_get_warnings (item)->len;
        g_autofree char *count = format_count (n_turns);
        g_autofree char *turns = g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE, "%s turn", "%s turns", n_turns), count);

        if (!kts_import_item_get_included (item))
          /* Translators: "s4.docx · not imported" */
          text = g_strdup_printf (_ ("%s · not imported"), kts_import_item_get_name (item));
        else if (n_warnings > 0)
          {
            text = g_strdup_printf (
                g_dngettext (GETTEXT_PACKAGE, "%s · %u warning", "%s · %u warnings", n_warnings),
                turns, n_warnings);
            status_name = "warning";
          }
        else
          text = g_steal_pointer (&turns);
        if (kts_import_item_get_busy (item))
          status_name = "spinner";
      }
      break;
    }

  gtk_label_set_label (GTK_LABEL (title), kts_import_item_get_title (item) != NULL
                                              ? kts_import_item_get_title (item)
                                              : kts_import_item_get_name (item));
  gtk_label_set_label (GTK_LABEL (subtitle), text);
  gtk_stack_set_visible_child_name (GTK_STACK (status), status_name);
  gtk_spinner_set_spinning (
      GTK_SPINNER (gtk_stack_get_child_by_name (GTK_STACK (status), "spinner")),
      g_str_equal (status_name, "spinner"));
  gtk_widget_set_opacity (title,
                          kts_import_item_is_importable (item)
                                  || kts_import_item_get_state (item) != KTS_IMPORT_ITEM_READY
                              ? 1.0
                              : 0.55);
  gtk_widget_set_tooltip_text (row, kts_import_item_get_name (item));
}

static GtkWidget *
create_file_row (gpointer object, gpointer user_data)
{
  KtsImportItem   *item = KTS_IMPORT_ITEM (object);
  GtkWidget       *row = gtk_list_box_row_new ();
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget       *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *lower = g_ascii_strdown (kts_import_item_get_name (item), -1);
  GtkWidget       *icon = gtk_image_new_from_icon_name (g_str_has_suffix (lower, ".docx")
                                                                || g_str_has_suffix (lower, ".odt")
                                                            ? "x-office-document-symbolic"
                                                            : "text-x-generic-symbolic");
  GtkWidget       *title = gtk_label_new (NULL);
  GtkWidget       *subtitle = gtk_label_new (NULL);
  GtkWidget       *status = gtk_stack_new ();
  GtkWidget       *image;

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 24);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (subtitle), 24);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);

  gtk_stack_add_named (GTK_STACK (status), gtk_label_new (NULL), "none");
  gtk_stack_add_named (GTK_STACK (status), gtk_spinner_new (), "spinner");
  image = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (image, "warning");
  gtk_widget_set_tooltip_text (image, _ ("Read with warnings"));
  gtk_stack_add_named (GTK_STACK (status), image, "warning");
  image = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  gtk_widget_add_css_class (image, "error");
  gtk_widget_set_tooltip_text (image, _ ("Cannot be imported"));
  gtk_stack_add_named (GTK_STACK (status), image, "error");
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), status);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "item", g_object_ref (item), g_object_unref);
  g_object_set_data (G_OBJECT (row), "title", title);
  g_object_set_data (G_OBJECT (row), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (row), "status", status);
  g_signal_connect_object (item, "notify", G_CALLBACK (file_row_update), row, G_CONNECT_SWAPPED);
  file_row_update (row);
  return row;
}

static void
file_selected_cb (KtsImportDialog *self, GtkListBoxRow *row)
{
  KtsImportItem *item = row != NULL ? g_object_get_data (G_OBJECT (row), "item") : NULL;

  if (item == self->selected)
    return;
  g_set_object (&self->selected, item);
  g_signal_group_set_target (self->selected_signals, item);
  show_selected (self);
}

void
kts_import_dialog_select (KtsImportDialog *self, guint index)
{
  GtkListBoxRow *row;

  g_return_if_fail (KTS_IS_IMPORT_DIALOG (self));

  row = gtk_list_box_get_row_at_index (self->file_list, (int)index);
  g_return_if_fail (row != NULL);
  gtk_list_box_select_row (self->file_list, row);
}

/* ---- details of the selected file ---------------------------------------------------- */

static void
list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* The warnings follow the format row in the File group: what was read,
 * then what was not. */
static void
show_warnings (KtsImportDialog *self)
{
  GPtrArray *warnings = kts_import_item_get_warnings (self->selected);

  for (guint i = 0; i < self->warning_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->file_group),
                                  g_ptr_array_index (self->warning_rows, i));
  g_ptr_array_set_size (self->warning_rows, 0);

  for (guint i = 0; i < warnings->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (warnings, i));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ ("Warning"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->file_group), row);
      g_ptr_array_add (self->warning_rows, row);
    }
}

static guint *
count_turns_per_speaker (KtsDocument *document)
{
  guint  n_speakers = kts_document_get_n_speakers (document);
  guint *counts = g_new0 (guint, MAX (n_speakers, 1));

  for (guint i = 0; i < kts_document_get_n_turns (document); i++)
    {
      const KtsTurn *turn = kts_document_get_turn (document, i);
      if (turn->speaker >= 0 && (guint)turn->speaker < n_speakers)
        counts[turn->speaker]++;
    }
  return counts;
}

static void
speaker_role_selected_cb (AdwComboRow *row, GParamSpec *pspec, KtsImportDialog *self)
{
  const char *label = g_object_get_data (G_OBJECT (row), "label");
  guint       position = adw_combo_row_get_selected (row);

  if (self->updating || position >= G_N_ELEMENTS (role_order))
    return;
  kts_import_dialog_set_speaker_role (self, label, role_order[position]);
}

static gboolean
speaker_rows_match (KtsImportDialog *self, KtsDocument *document)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->speakers_list));

  for (guint i = 0; i < kts_document_get_n_speakers (document); i++)
    {
      if (child == NULL
          || g_strcmp0 (g_object_get_data (G_OBJECT (child), "label"),
                        kts_document_get_speaker (document, i)->label)
                 != 0)
        return FALSE;
      child = gtk_widget_get_next_sibling (child);
    }
  return child == NULL;
}

/* Updates the rows in place when the speakers are the same, so that the
 * chooser the user just used keeps the focus. */
static void
show_speakers (KtsImportDialog *self)
{
  KtsDocument      *document = kts_import_item_get_document (self->selected);
  guint             n_speakers = kts_document_get_n_speakers (document);
  g_autofree guint *counts = count_turns_per_speaker (document);
  GtkWidget        *child;

  self->updating = TRUE;
  if (!speaker_rows_match (self, document))
    {
      g_autoptr (GtkStringList) roles = gtk_string_list_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (role_order); i++)
        gtk_string_list_append (roles, role_label (role_order[i]));

      list_box_clear (self->speakers_list);
      for (guint i = 0; i < n_speakers; i++)
        {
          const KtsSpeaker *speaker = kts_document_get_speaker (document, i);
          GtkWidget        *row = adw_combo_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), speaker->label);
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (roles));
          g_object_set_data_full (G_OBJECT (row), "label", g_strdup (speaker->label), g_free);
          g_signal_connect (row, "notify::selected", G_CALLBACK (speaker_role_selected_cb), self);
          gtk_list_box_append (self->speakers_list, row);
        }
    }

  child = gtk_widget_get_first_child (GTK_WIDGET (self->speakers_list));
  for (guint i = 0; i < n_speakers && child != NULL;
       i++, child = gtk_widget_get_next_sibling (child))
    {
      const KtsSpeaker *speaker = kts_document_get_speaker (document, i);
      g_autofree char  *count = format_count (counts[i]);
      g_autofree char  *subtitle = g_strdup_printf (
           g_dngettext (GETTEXT_PACKAGE, "%s turn", "%s turns", counts[i]), count);
      g_autofree char *a11y = g_strdup_printf (_ ("Role of %s"), speaker->label);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (child), subtitle);
      adw_combo_row_set_selected (ADW_COMBO_ROW (child), role_position (speaker->role));
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      a11y, -1);
    }
  self->updating = FALSE;

  gtk_widget_set_visible (self->speakers_group, n_speakers > 0);
}

static char *
format_timestamp (gint64 ms)
{
  gint64 s = ms / 1000;

  return g_strdup_printf ("%02d:%02d:%02d", (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
}

/* @text after "[00:01:02] LABEL:" and the spaces after it, or @text when
 * its first line has no such label. */
static const char *
skip_label (const char *text, const char *label)
{
  const char *eol = strchr (text, '\n');
  const char *at = strstr (text, label);
  const char *colon;

  if (at == NULL || (eol != NULL && at > eol) || at - text > 40)
    return text;
  colon = strchr (at + strlen (label), ':');
  if (colon == NULL || (eol != NULL && colon > eol) || colon - at > (gssize)strlen (label) + 20)
    return text;
  colon++;
  while (*colon == ' ' || *colon == '\t')
    colon++;
  return colon;
}

static GtkWidget *
create_turn_row (KtsDocument *document, guint index)
{
  const KtsTurn   *turn = kts_document_get_turn (document, index);
  GtkWidget       *row = gtk_list_box_row_new ();
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget       *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget       *speaker_label, *role, *text;
  guint            end = MIN (turn->end, turn->start + PREVIEW_CHARS);
  g_autofree char *slice = kts_document_dup_slice (document, turn->start, end);
  g_autofree char *shown = NULL;

  gtk_widget_add_css_class (box, "turn-preview");

  if (turn->speaker >= 0)
    {
      const KtsSpeaker *speaker = kts_document_get_speaker (document, (guint)turn->speaker);

      speaker_label = gtk_label_new (speaker->label);
      gtk_widget_add_css_class (speaker_label, "heading");
      role = gtk_label_new (role_label (speaker->role));
      gtk_widget_add_css_class (role, "role-tag");
      gtk_widget_add_css_class (role, kts_enum_to_nick (KTS_TYPE_ROLE, speaker->role));
    }
  else
    {
      speaker_label = gtk_label_new (_ ("No speaker"));
      gtk_widget_add_css_class (speaker_label, "dim-label");
      role = NULL;
    }
  gtk_label_set_ellipsize (GTK_LABEL (speaker_label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (header), speaker_label);
  if (role != NULL)
    gtk_box_append (GTK_BOX (header), role);
  if (turn->timestamp_ms >= 0)
    {
      g_autofree char *time = format_timestamp (turn->timestamp_ms);
      GtkWidget       *stamp = gtk_label_new (time);

      gtk_widget_set_hexpand (stamp, TRUE);
      gtk_label_set_xalign (GTK_LABEL (stamp), 1);
      gtk_widget_add_css_class (stamp, "dim-label");
      gtk_widget_add_css_class (stamp, "numeric");
      gtk_widget_add_css_class (stamp, "caption");
      gtk_box_append (GTK_BOX (header), stamp);
    }

  shown = end < turn->end ? g_strconcat (slice, "…", NULL) : g_strdup (slice);
  if (turn->speaker >= 0)
    {
      /* The header shows speaker and time: the text starts after the label. */
      const KtsSpeaker *speaker = kts_document_get_speaker (document, (guint)turn->speaker);
      const char       *body = skip_label (shown, speaker->label);

      if (body != shown)
        {
          char *rest = g_strdup (body);
          g_free (shown);
          shown = rest;
        }
    }
  text = gtk_label_new (shown);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (text), 4);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 60);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

static void
show_preview (KtsImportDialog *self)
{
  KtsDocument *document = kts_import_item_get_document (self->selected);
  guint        n_turns = kts_document_get_n_turns (document);

  list_box_clear (self->preview_list);
  for (guint i = 0; i < n_turns && i < PREVIEW_TURNS; i++)
    gtk_list_box_append (self->preview_list, create_turn_row (document, i));
  if (n_turns > PREVIEW_TURNS)
    {
      guint            more = n_turns - PREVIEW_TURNS;
      g_autofree char *text = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "…and %u more turn", "…and %u more turns", more), more);
      GtkWidget *label = gtk_label_new (text);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 10);
      gtk_widget_set_margin_bottom (label, 10);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_append (self->preview_list, row);
    }
}

static void
show_counts (KtsImportDialog *self)
{
  KtsDocument     *document = kts_import_item_get_document (self->selected);
  g_autofree char *format = kts_import_item_dup_format_label (self->selected);
  guint            n_characters = kts_document_get_n_characters (document);
  guint            n_turns = kts_document_get_n_turns (document);
  g_autofree char *characters = format_count (n_characters);
  g_autofree char *turns = format_count (n_turns);
  g_autofree char *ext = g_ascii_strdown (kts_import_item_get_name (self->selected), -1);
  g_autofree char *c = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%s character", "%s characters", n_characters), characters);
  g_autofree char *t = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%s speaker turn", "%s speaker turns", n_turns), turns);
  /* Translators: "12,345 characters · 87 speaker turns" */
  g_autofree char *counts = g_strdup_printf (_ ("%s · %s"), c, t);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->format_row), format);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row), counts);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->format_icon),
                                g_str_has_suffix (ext, ".docx") || g_str_has_suffix (ext, ".odt")
                                    ? "x-office-document-symbolic"
                                    : "text-x-generic-symbolic");
}

static void
show_selected (KtsImportDialog *self)
{
  KtsImportItem *item = self->selected;

  gtk_spinner_set_spinning (GTK_SPINNER (self->reading_spinner), FALSE);
  if (item == NULL)
    {
      adw_status_page_set_title (self->reading_page, NULL);
      gtk_stack_set_visible_child_name (self->detail_stack, "reading");
      return;
    }

  switch (kts_import_item_get_state (item))
    {
    case KTS_IMPORT_ITEM_WAITING:
    case KTS_IMPORT_ITEM_READING:
      {
        g_autofree char *title
            = g_strdup_printf (_ ("Reading “%s”…"), kts_import_item_get_name (item));

        adw_status_page_set_title (self->reading_page, title);
        gtk_spinner_set_spinning (GTK_SPINNER (self->reading_spinner), TRUE);
        gtk_stack_set_visible_child_name (self->detail_stack, "reading");
      }
      break;

    case KTS_IMPORT_ITEM_FAILED:
      {
        g_autofree char *title
            = g_strdup_printf (_ ("Cannot Import “%s”"), kts_import_item_get_name (item));
        g_autofree char *body = g_strdup_printf (
            "%s\n\n%s", kts_import_item_get_error_message (item),
            _ ("This file will be skipped. The other files can still be imported."));
        g_autofree char *markup = g_markup_escape_text (body, -1);

        adw_status_page_set_title (self->failed_page, title);
        adw_status_page_set_description (self->failed_page, markup);
        gtk_stack_set_visible_child_name (self->detail_stack, "failed");
      }
      break;

    case KTS_IMPORT_ITEM_READY:
    default:
      self->updating = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), kts_import_item_get_title (item));
      gtk_switch_set_active (GTK_SWITCH (self->pseudonymised_switch),
                             kts_import_item_get_pseudonymised (item));
      gtk_switch_set_active (GTK_SWITCH (self->include_switch),
                             kts_import_item_get_included (item));
      self->updating = FALSE;
      show_counts (self);
      show_warnings (self);
      show_speakers (self);
      show_preview (self);
      gtk_stack_set_visible_child_name (self->detail_stack, "ready");
      break;
    }
}

static void
selected_notify_cb (KtsImportDialog *self, GParamSpec *pspec, KtsImportItem *item)
{
  const char *name = g_param_spec_get_name (pspec);

  if (item != self->selected)
    return;
  if (g_str_equal (name, "state"))
    show_selected (self);
  else if (g_str_equal (name, "busy") && !kts_import_item_get_busy (item)
           && kts_import_item_get_state (item) == KTS_IMPORT_ITEM_READY)
    {
      show_counts (self);
      show_speakers (self);
      show_preview (self);
    }
  else if (g_str_equal (name, "pseudonymised"))
    {
      self->updating = TRUE;
      gtk_switch_set_active (GTK_SWITCH (self->pseudonymised_switch),
                             kts_import_item_get_pseudonymised (item));
      self->updating = FALSE;
    }
}

static void
title_changed_cb (KtsImportDialog *self)
{
  if (self->updating || self->selected == NULL)
    return;
  kts_import_item_set_title (self->selected,
                             gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
}

static void
pseudonymised_cb (KtsImportDialog *self)
{
  if (self->updating || self->selected == NULL)
    return;
  kts_import_item_set_pseudonymised (
      self->selected, gtk_switch_get_active (GTK_SWITCH (self->pseudonymised_switch)));
  update_state (self);
}

static void
include_cb (KtsImportDialog *self)
{
  if (self->updating || self->selected == NULL)
    return;
  kts_import_item_set_included (self->selected,
                                gtk_switch_get_active (GTK_SWITCH (self->include_switch)));
  update_state (self);
}

static void
all_pseudonymised_cb (KtsImportDialog *self)
{
  if (self->updating)
    return;
  kts_import_dialog_set_all_pseudonymised (
      self, gtk_switch_get_active (GTK_SWITCH (self->all_pseudonymised_switch)));
}

void
kts_import_dialog_set_all_pseudonymised (KtsImportDialog *self, gboolean pseudonymised)
{
  guint n;

  g_return_if_fail (KTS_IS_IMPORT_DIALOG (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    kts_import_item_set_pseudonymised (item_at (self, i), pseudonymised);
  update_state (self);
}

/* ---- speaker roles ------------------------------------------------------------------ */

static void
speaker_role_free (KtsSpeakerRole *role)
{
  kts_speaker_role_clear (role);
  g_free (role);
}

/* The roles chosen so far, for kts_turns_detect(). */
static GArray *
dup_overrides (KtsImportDialog *self)
{
  GArray        *overrides = g_array_new (FALSE, TRUE, sizeof (KtsSpeakerRole));
  GHashTableIter iter;
  gpointer       value;

  g_hash_table_iter_init (&iter, self->roles);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_append_val (overrides, *(KtsSpeakerRole *)value);
  return overrides; /* borrows the labels */
}

static void
detect_turns (KtsImportDialog *self, KtsImportItem *item)
{
  g_autoptr (GArray) overrides = dup_overrides (self);

  kts_import_item_detect_turns (item, (const KtsSpeakerRole *)(gconstpointer)overrides->data,
                                overrides->len);
}

void
kts_import_dialog_set_speaker_role (KtsImportDialog *self, const char *label, KtsRole role)
{
  g_autofree char *folded = NULL;
  KtsSpeakerRole  *chosen;
  guint            n;

  g_return_if_fail (KTS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (label != NULL);

  folded = g_utf8_casefold (label, -1);
  chosen = g_hash_table_lookup (self->roles, folded);
  if (chosen != NULL && chosen->role == role)
    return;

  chosen = g_new0 (KtsSpeakerRole, 1);
  chosen->label = g_strdup (label);
  chosen->role = role;
  g_hash_table_replace (self->roles, g_steal_pointer (&folded), chosen);

  /* The same label means the same person in every file of this import. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    detect_turns (self, item_at (self, i));
}

/* ---- reading the files in a thread ------------------------------------------------- */

typedef struct
{
  GPtrArray       *files;
  GMainContext    *context;
  KtsImportDialog *dialog; /* kept alive by the task's callback data */
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_ptr_array_unref (job->files);
  g_main_context_unref (job->context);
  g_free (job);
}

typedef enum
{
  DELIVER_TOTAL,
  DELIVER_STARTED,
  DELIVER_DONE,
} DeliveryKind;

typedef struct
{
  KtsImportDialog *self;
  DeliveryKind     kind;
  guint            index;
  guint64          bytes;
  KtsImportResult *result;
  GError          *error;
} Delivery;

static void
delivery_free (Delivery *delivery)
{
  g_object_unref (delivery->self);
  g_clear_pointer (&delivery->result, kts_import_result_free);
  g_clear_error (&delivery->error);
  g_free (delivery);
}

static gboolean
deliver_cb (gpointer data)
{
  Delivery        *delivery = data;
  KtsImportDialog *self = delivery->self;
  KtsImportItem   *item;

  if (g_cancellable_is_cancelled (self->cancellable))
    return G_SOURCE_REMOVE;

  switch (delivery->kind)
    {
    case DELIVER_TOTAL:
      self->bytes_total = delivery->bytes;
      break;
    case DELIVER_STARTED:
      kts_import_item_mark_reading (item_at (self, delivery->index));
      break;
    case DELIVER_DONE:
    default:
      item = item_at (self, delivery->index);
      self->n_read++;
      self->bytes_read += delivery->bytes;
      if (delivery->result != NULL)
        {
          kts_import_item_take_result (item, g_steal_pointer (&delivery->result));
          /* Roles chosen while this file was read apply to it too. */
          if (g_hash_table_size (self->roles) > 0)
            detect_turns (self, item);
        }
      else
        kts_import_item_take_error (item, g_steal_pointer (&delivery->error));
      break;
    }
  update_progress (self);
  update_state (self);
  return G_SOURCE_REMOVE;
}

static void
deliver (GTask           *task,
         DeliveryKind     kind,
         guint            index,
         guint64          bytes,
         KtsImportResult *result,
         GError          *error)
{
  ReadJob  *job = g_task_get_task_data (task);
  Delivery *delivery = g_new0 (Delivery, 1);

  delivery->self = g_object_ref (job->dialog);
  delivery->kind = kind;
  delivery->index = index;
  delivery->bytes = bytes;
  delivery->result = result;
  delivery->error = error;
  /* Always through an idle source: g_main_context_invoke() would run the
   * callback right here, in the worker thread, whenever the main thread is
   * not iterating its loop at that moment — and deliver_cb() touches widgets. */
  {
    GSource *source = g_idle_source_new ();

    g_source_set_priority (source, G_PRIORITY_DEFAULT);
    g_source_set_callback (source, deliver_cb, delivery, (GDestroyNotify)delivery_free);
    g_source_attach (source, job->context);
    g_source_unref (source);
  }
}

static guint64
file_size (GFile *file, GCancellable *cancellable)
{
  g_autoptr (GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                  G_FILE_QUERY_INFO_NONE, cancellable, NULL);

  return info != NULL ? (guint64)MAX (g_file_info_get_size (info), 0) : 0;
}

static void
read_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ReadJob *job = task_data;
  guint64  total = 0;
  guint64 *sizes = g_new0 (guint64, MAX (job->files->len, 1));

  for (guint i = 0; i < job->files->len; i++)
    total += sizes[i] = file_size (g_ptr_array_index (job->files, i), cancellable);
  deliver (task, DELIVER_TOTAL, 0, total, NULL, NULL);

  for (guint i = 0; i < job->files->len; i++)
    {
      GError          *error = NULL;
      KtsImportResult *result;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      deliver (task, DELIVER_STARTED, i, 0, NULL, NULL);
      result = kts_import_transcript (g_ptr_array_index (job->files, i), NULL, NULL, 0, &error);
      deliver (task, DELIVER_DONE, i, sizes[i], result, error);
    }
  g_free (sizes);
  g_task_return_boolean (task, TRUE);
}

static void
read_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  /* The dialog is the callback's data, not the task's source object: a task
   * may be freed in its worker thread, and a widget must never be. */
  g_autoptr (KtsImportDialog) self = user_data;

  g_task_propagate_boolean (G_TASK (result), NULL);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  self->reading = FALSE;
  update_progress (self);
  update_busy (self);
}

static void
start_reading (KtsImportDialog *self)
{
  g_autoptr (GTask) task = NULL;
  ReadJob *job = g_new0 (ReadJob, 1);
  guint    n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  job->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (job->files, g_object_ref (kts_import_item_get_file (item_at (self, i))));
  job->context = g_main_context_ref_thread_default ();
  job->dialog = self;

  self->reading = TRUE;
  task = g_task_new (NULL, self->cancellable, read_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_reading);
  g_task_set_task_data (task, job, (GDestroyNotify)read_job_free);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, read_thread);
  update_progress (self);
  update_busy (self);
}

static void
item_busy_cb (KtsImportDialog *self)
{
  update_busy (self);
}

/* ---- importing -------------------------------------------------------------------- */

static void
show_commit_errors (GtkWindow *parent, const char *errors)
{
  GtkWidget *dialog
      = adw_message_dialog_new (parent, _ ("Some Transcripts Could Not Be Imported"), errors);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_import (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsImportDialog *self = KTS_IMPORT_DIALOG (widget);
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GPtrArray) importable = g_ptr_array_new ();
  g_autoptr (GString) errors = g_string_new (NULL);
  g_autofree char *label = NULL;
  KtsDocument     *last = NULL;
  guint            n_added = 0;
  guint            n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  GtkWindow       *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (self->busy)
    return;
  for (guint i = 0; i < n; i++)
    if (kts_import_item_is_importable (item_at (self, i)))
      g_ptr_array_add (importable, item_at (self, i));
  if (importable->len == 0)
    return;

  project = self->project != NULL ? g_object_ref (self->project) : kts_project_new ();
  label = importable->len == 1
              ? g_strdup (_ ("Import transcript"))
              : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Import %u transcript",
                                              "Import %u transcripts", importable->len),
                                 importable->len);
  kts_project_begin_group (project, label);
  for (guint i = 0; i < importable->len; i++)
    {
      KtsImportItem   *item = g_ptr_array_index (importable, i);
      KtsDocument     *document = kts_import_item_get_document (item);
      g_autofree char *title = g_strstrip (g_strdup (kts_import_item_get_title (item)));
      g_autoptr (GError) error = NULL;

      /* The document is not in a project yet: plain property changes. */
      if (*title != '\0')
        g_object_set (document, "title", title, NULL);
      g_object_set (document, "pseudonymised", kts_import_item_get_pseudonymised (item), NULL);
      if (!kts_project_add_document (project, document, -1, &error))
        {
          if (errors->len > 0)
            g_string_append_c (errors, '\n');
          /* Translators: "s4.txt: the file is empty" */
          g_string_append_printf (errors, _ ("%s: %s"), kts_import_item_get_name (item),
                                  error->message);
          continue;
        }
      last = document;
      n_added++;
    }
  if (n_added == 0)
    {
      kts_project_abort_group (project);
      show_commit_errors (GTK_WINDOW (self), errors->str);
      return;
    }
  kts_project_end_group (project);

  g_object_ref (self);
  g_signal_emit (self, signals[IMPORTED], 0, project, last, n_added);
  gtk_window_destroy (GTK_WINDOW (self));
  if (errors->len > 0)
    show_commit_errors (parent, errors->str);
  g_object_unref (self);
}

/* ---- public ------------------------------------------------------------------------- */

GListModel *
kts_import_dialog_get_items (KtsImportDialog *self)
{
  g_return_val_if_fail (KTS_IS_IMPORT_DIALOG (self), NULL);
  return G_LIST_MODEL (self->items);
}

KtsProject *
kts_import_dialog_get_project (KtsImportDialog *self)
{
  g_return_val_if_fail (KTS_IS_IMPORT_DIALOG (self), NULL);
  return self->project;
}

void
kts_import_dialog_set_project (KtsImportDialog *self, KtsProject *project)
{
  g_return_if_fail (KTS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));

  if (g_set_object (&self->project, project))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

gboolean
kts_import_dialog_get_busy (KtsImportDialog *self)
{
  g_return_val_if_fail (KTS_IS_IMPORT_DIALOG (self), FALSE);
  return self->busy;
}

/* ---- GObject ------------------------------------------------------------------------- */

/* Closing stops the reading at once, not when the last reference goes:
 * results still on their way from the worker are then dropped. */
static gboolean
kts_import_dialog_close_request (GtkWindow *window)
{
  KtsImportDialog *self = KTS_IMPORT_DIALOG (window);

  GtkWindowClass *parent = GTK_WINDOW_CLASS (kts_import_dialog_parent_class);

  g_cancellable_cancel (self->cancellable);
  return parent->close_request != NULL ? parent->close_request (window) : FALSE;
}

static void
kts_import_dialog_dispose (GObject *object)
{
  KtsImportDialog *self = KTS_IMPORT_DIALOG (object);

  /* Closing stops the reading; files already read are dropped. */
  g_cancellable_cancel (self->cancellable);
  if (self->selected_signals != NULL)
    g_signal_group_set_target (self->selected_signals, NULL);
  g_clear_object (&self->selected);
  gtk_widget_dispose_template (GTK_WIDGET (self), KTS_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (kts_import_dialog_parent_class)->dispose (object);
}

static void
kts_import_dialog_finalize (GObject *object)
{
  KtsImportDialog *self = KTS_IMPORT_DIALOG (object);

  g_clear_object (&self->selected_signals);
  g_clear_object (&self->items);
  g_clear_object (&self->project);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->roles, g_hash_table_unref);
  g_clear_pointer (&self->warning_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (kts_import_dialog_parent_class)->finalize (object);
}

static void
kts_import_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsImportDialog *self = KTS_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_import_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KtsImportDialog *self = KTS_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      kts_import_dialog_set_project (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_import_dialog_class_init (KtsImportDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_import_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = kts_import_dialog_close_request;
  object_class->finalize = kts_import_dialog_finalize;
  object_class->get_property = kts_import_dialog_get_property;
  object_class->set_property = kts_import_dialog_set_property;

  properties[PROP_BUSY]
      = g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROJECT]
      = g_param_spec_object ("project", NULL, NULL, KTS_TYPE_PROJECT,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[IMPORTED]
      = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 3, KTS_TYPE_PROJECT, KTS_TYPE_DOCUMENT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/kintsugi_qda/Kintsugi/kts-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, file_list);
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, all_pseudonymised_switch);
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, reading_page);
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, reading_spinner);
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, failed_page);
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, ready_page);
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, pseudonymised_switch);
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, include_switch);
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, format_icon);
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, file_group);
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, speakers_group);
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, speakers_list);
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, preview_list);
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, KtsImportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, file_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, pseudonymised_cb);
  gtk_widget_class_bind_template_callback (widget_class, include_cb);
  gtk_widget_class_bind_template_callback (widget_class, all_pseudonymised_cb);

  gtk_widget_class_install_action (widget_class, "import-dialog.import", NULL, action_import);
}

static void
kts_import_dialog_init (KtsImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (KTS_TYPE_IMPORT_ITEM);
  self->warning_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  self->roles
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)speaker_role_free);
  self->selected_signals = g_signal_group_new (KTS_TYPE_IMPORT_ITEM);
  g_signal_group_connect_object (self->selected_signals, "notify", G_CALLBACK (selected_notify_cb),
                                 self, G_CONNECT_SWAPPED);

  gtk_list_box_bind_model (self->file_list, G_LIST_MODEL (self->items), create_file_row, self,
                           NULL);
}

KtsImportDialog *
kts_import_dialog_new (GtkWindow *transient_for, KtsProject *project, GFile **files, guint n_files)
{
  KtsImportDialog *self;

  g_return_val_if_fail (transient_for == NULL || GTK_IS_WINDOW (transient_for), NULL);
  g_return_val_if_fail (project == NULL || KTS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);

  self = g_object_new (KTS_TYPE_IMPORT_DIALOG, "transient-for", transient_for, "project", project,
                       NULL);
  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr (KtsImportItem) item = kts_import_item_new (files[i]);

      g_signal_connect_object (item, "notify::busy", G_CALLBACK (item_busy_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (item, "notify::pseudonymised", G_CALLBACK (update_state), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (item, "notify::included", G_CALLBACK (update_state), self,
                               G_CONNECT_SWAPPED);
      g_list_store_append (self->items, item);
    }
  if (n_files > 0)
    kts_import_dialog_select (self, 0);
  start_reading (self);
  return self;
}
