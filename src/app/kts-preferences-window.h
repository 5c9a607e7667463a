/* kts-preferences-window.h: preferences: coder, coding display, style, autosave.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kts-window.h"

G_BEGIN_DECLS

#define KTS_TYPE_PREFERENCES_WINDOW (kts_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (
    KtsPreferencesWindow, kts_preferences_window, KTS, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Preferences for @window's project (the coder) and for the app (GSettings:
 * snap-to-words, autosave-interval, color-scheme). */
KtsPreferencesWindow *kts_preferences_window_new (KtsWindow *window);

G_END_DECLS
