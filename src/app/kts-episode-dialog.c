/* kts-episode-dialog.c: New Episode: a name, a transcript and a range of its turns.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-episode-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-episode-build.h"
#include "kts-episode-dialog.h"

struct _KtsEpisodeDialog
{
  AdwMessageDialog parent_instance;

  GtkWidget *name_entry;
  GtkWidget *document_dropdown;
  GtkWidget *turns_box;
  GtkWidget *first_spin;
  GtkWidget *last_spin;
  GtkWidget *first_hint;
  GtkWidget *last_hint;
  GtkWidget *build_check;
  GtkWidget *message;

  KtsProject *project;
  KtsEpisode *episode; /* weak: the one made */
};

G_DEFINE_FINAL_TYPE (KtsEpisodeDialog, kts_episode_dialog, ADW_TYPE_MESSAGE_DIALOG)

static KtsDocument *
selected_document (KtsEpisodeDialog *self)
{
  return gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->document_dropdown));
}

static char *
turn_hint (KtsDocument *document, guint turn)
{
  const KtsTurn   *t;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;

  if (document == NULL || turn == 0 || turn > kts_document_get_n_turns (document))
    return g_strdup ("");
  t = kts_document_get_turn (document, turn - 1);
  text = kts_document_dup_slice (document, t->start, MIN (t->end, t->start + 70));
  flat = g_strdelimit (g_strdup (text), "\n\r\t", ' ');
  /* The turn's text begins with its timestamp and speaker, as in the file. */
  return g_strdup_printf ("%s…", g_strstrip (flat));
}

static gboolean
name_taken (KtsEpisodeDialog *self, const char *name)
{
  return kts_project_find_episode (self->project, name) != NULL;
}

static void
validate (KtsEpisodeDialog *self)
{
  g_autofree char *name
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  gboolean ok = *name != '\0' && !name_taken (self, name);

  if (*name != '\0' && name_taken (self, name))
    {
      g_autofree char *text
          = g_strdup_printf (_ ("There is already an episode called “%s”."), name);
      gtk_label_set_text (GTK_LABEL (self->message), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->message), "");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "create", ok);
}

static void
update_hints (KtsEpisodeDialog *self)
{
  KtsDocument *document = selected_document (self);
  guint        first = (guint)gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->first_spin));
  guint        last = (guint)gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->last_spin));
  g_autofree char *a = turn_hint (document, first);
  g_autofree char *b = turn_hint (document, last);

  gtk_label_set_text (GTK_LABEL (self->first_hint), a);
  gtk_label_set_text (GTK_LABEL (self->last_hint), b);
}

static void
first_changed_cb (KtsEpisodeDialog *self)
{
  int first = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->first_spin));

  if (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->last_spin)) < first)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->last_spin), first);
  update_hints (self);
}

static void
last_changed_cb (KtsEpisodeDialog *self)
{
  int last = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->last_spin));

  if (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->first_spin)) > last)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->first_spin), last);
  update_hints (self);
}

static void
document_changed_cb (KtsEpisodeDialog *self)
{
  KtsDocument *document = selected_document (self);
  guint        n = document != NULL ? kts_document_get_n_turns (document) : 0;

  gtk_widget_set_visible (self->turns_box, n > 0);
  if (n > 0)
    {
      gtk_spin_button_set_range (GTK_SPIN_BUTTON (self->first_spin), 1, n);
      gtk_spin_button_set_range (GTK_SPIN_BUTTON (self->last_spin), 1, n);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->first_spin), 1);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->last_spin), n);
    }
  update_hints (self);
}

static gboolean
create (KtsEpisodeDialog *self, GError **error)
{
  g_autofree char *name
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  KtsDocument *document = selected_document (self);
  KtsEpisode  *episode = NULL;
  gboolean     build = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->build_check));

  kts_project_begin_group (self->project, _ ("New episode"));
  if (document != NULL && kts_document_get_n_turns (document) > 0)
    episode = kts_project_add_episode_for_turns (
        self->project, name, document,
        (guint)gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->first_spin)),
        (guint)gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->last_spin)), error);
  else
    {
      g_autoptr (KtsEpisode) fresh = kts_episode_new (NULL, name);

      /* A transcript without turns: all of it; no transcript: a free episode. */
      if (document != NULL)
        g_object_set (fresh, "document", document, "start", 0, "end",
                      kts_document_get_n_characters (document), NULL);
      if (kts_project_add_episode (self->project, fresh, error))
        episode = fresh;
    }
  if (episode != NULL && build && document != NULL
      && kts_episode_build_from_codings (self->project, episode, FALSE, error) < 0)
    episode = NULL;
  if (episode == NULL)
    {
      kts_project_abort_group (self->project);
      return FALSE;
    }
  kts_project_end_group (self->project);
  g_set_weak_pointer (&self->episode, episode);
  return TRUE;
}

static void
response_cb (KtsEpisodeDialog *self, const char *response)
{
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "create"))
    return;
  if (!create (self, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (self)),
                                                  _ ("Could Not Make the Episode"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
name_activate_cb (KtsEpisodeDialog *self)
{
  if (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "create"))
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "create");
}

static void
kts_episode_dialog_dispose (GObject *object)
{
  KtsEpisodeDialog *self = KTS_EPISODE_DIALOG (object);

  g_clear_weak_pointer (&self->episode);
  g_clear_object (&self->project);
  G_OBJECT_CLASS (kts_episode_dialog_parent_class)->dispose (object);
}

static void
kts_episode_dialog_class_init (KtsEpisodeDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kts_episode_dialog_dispose;
}

static GtkWidget *
labelled (const char *text, GtkWidget *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

static GtkWidget *
hint_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_width_chars (GTK_LABEL (label), 30);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  return label;
}

static void
kts_episode_dialog_init (KtsEpisodeDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *from_label, *to_label;

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _ ("New Episode"));
  adw_message_dialog_set_body (
      ADW_MESSAGE_DIALOG (self),
      _ ("An episode is one rupture and its repair: the stretch of a transcript its map is "
         "drawn from."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _ ("_Cancel"), "create",
                                    _ ("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "create",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  self->name_entry = gtk_entry_new ();
  g_signal_connect_swapped (self->name_entry, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->name_entry, "activate", G_CALLBACK (name_activate_cb), self);
  gtk_box_append (GTK_BOX (box), labelled (_ ("_Name"), self->name_entry));

  self->document_dropdown
      = gtk_drop_down_new (NULL, gtk_property_expression_new (KTS_TYPE_DOCUMENT, NULL, "title"));
  g_signal_connect_swapped (self->document_dropdown, "notify::selected",
                            G_CALLBACK (document_changed_cb), self);
  gtk_box_append (GTK_BOX (box), labelled (_ ("_Transcript"), self->document_dropdown));

  self->first_spin = gtk_spin_button_new_with_range (1, 1, 1);
  self->last_spin = gtk_spin_button_new_with_range (1, 1, 1);
  self->first_hint = hint_label ();
  self->last_hint = hint_label ();
  g_signal_connect_swapped (self->first_spin, "value-changed", G_CALLBACK (first_changed_cb), self);
  g_signal_connect_swapped (self->last_spin, "value-changed", G_CALLBACK (last_changed_cb), self);
  from_label = gtk_label_new_with_mnemonic (_ ("_From turn"));
  to_label = gtk_label_new_with_mnemonic (_ ("T_o turn"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (from_label), self->first_spin);
  gtk_label_set_mnemonic_widget (GTK_LABEL (to_label), self->last_spin);
  gtk_label_set_xalign (GTK_LABEL (from_label), 0);
  gtk_label_set_xalign (GTK_LABEL (to_label), 0);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_attach (GTK_GRID (grid), from_label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->first_spin, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->first_hint, 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), to_label, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->last_spin, 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->last_hint, 2, 1, 1, 1);
  self->turns_box = grid;
  gtk_box_append (GTK_BOX (box), grid);

  self->build_check = gtk_check_button_new_with_mnemonic (_ ("_Draft the moves from the codings"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->build_check), TRUE);
  gtk_box_append (GTK_BOX (box), self->build_check);

  self->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->message), 0);
  gtk_widget_add_css_class (self->message, "error");
  gtk_box_append (GTK_BOX (box), self->message);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  /* Before the caller's handlers, so they find the episode made. */
  g_signal_connect (self, "response", G_CALLBACK (response_cb), NULL);
}

GtkWidget *
kts_episode_dialog_new (
    GtkWindow *parent, KtsProject *project, KtsDocument *document, guint start, guint end)
{
  KtsEpisodeDialog *self;
  GListModel       *documents;
  g_autofree char  *name = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (KTS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (document == NULL || KTS_IS_DOCUMENT (document), NULL);

  self = g_object_new (KTS_TYPE_EPISODE_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->project = g_object_ref (project);

  /* "Episode 2", or the next free number. */
  for (guint n = g_list_model_get_n_items (kts_project_get_episodes (project)) + 1;; n++)
    {
      g_free (name);
      name = g_strdup_printf (_ ("Episode %u"), n);
      if (!name_taken (self, name))
        break;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name);

  documents = kts_project_get_documents (project);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->document_dropdown), documents);
  gtk_widget_set_visible (gtk_widget_get_parent (self->document_dropdown),
                          g_list_model_get_n_items (documents) > 0);
  if (document != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
      {
        g_autoptr (KtsDocument) d = g_list_model_get_item (documents, i);
        if (d == document)
          gtk_drop_down_set_selected (GTK_DROP_DOWN (self->document_dropdown), i);
      }
  document_changed_cb (self);

  /* A selection in the transcript gives the turns it touches. */
  if (document != NULL && start < end && kts_document_get_n_turns (document) > 0)
    {
      int first = kts_document_find_turn (document, start);
      int last = kts_document_find_turn (document, end - 1);

      if (first >= 0 && last >= first)
        {
          kts_episode_dialog_set_turns (self, (guint)first + 1, (guint)last + 1);
          adw_message_dialog_set_body (
              ADW_MESSAGE_DIALOG (self),
              _ ("An episode is one rupture and its repair. Its turns are those of the passage "
                 "selected in the transcript."));
        }
    }
  validate (self);
  return GTK_WIDGET (self);
}

KtsEpisode *
kts_episode_dialog_get_episode (KtsEpisodeDialog *self)
{
  g_return_val_if_fail (KTS_IS_EPISODE_DIALOG (self), NULL);
  return self->episode;
}

void
kts_episode_dialog_set_name (KtsEpisodeDialog *self, const char *name)
{
  g_return_if_fail (KTS_IS_EPISODE_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name != NULL ? name : "");
}

void
kts_episode_dialog_set_turns (KtsEpisodeDialog *self, guint first_turn, guint last_turn)
{
  g_return_if_fail (KTS_IS_EPISODE_DIALOG (self));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->last_spin), last_turn);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->first_spin), first_turn);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->last_spin), last_turn);
}

void
kts_episode_dialog_get_turns (KtsEpisodeDialog *self, guint *first_turn, guint *last_turn)
{
  g_return_if_fail (KTS_IS_EPISODE_DIALOG (self));
  if (first_turn != NULL)
    *first_turn = (guint)gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->first_spin));
  if (last_turn != NULL)
    *last_turn = (guint)gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->last_spin));
}

void
kts_episode_dialog_set_build (KtsEpisodeDialog *self, gboolean build)
{
  g_return_if_fail (KTS_IS_EPISODE_DIALOG (self));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->build_check), build);
}
