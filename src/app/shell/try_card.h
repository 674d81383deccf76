#pragma once
// Try this: the card at the top of a scene's settings panel, its tasks ticked
// as the student does them (core/tasks.h), folded away with its header.
struct App;

// Notes the shown scene's tasks done now (once done, a task stays ticked for the visit).
void try_note_done(App& app);
// Draws the card for the shown scene (called inside its settings panel).
void try_card(App& app);
