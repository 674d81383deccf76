#pragma once
// Keys from the window to the app, on both platforms.
#include <vector>

struct GLFWwindow;

// Named keys the scenes react to (characters come through ImGui's queue).
enum class ShortcutKey { Space, Left, Right, Up, Down, Home, End, NextScene, Help, Undo, Redo };

namespace platform {

// Installs the window's key callback, which wraps Dear ImGui's: shortcut keys
// are queued in *queue, in order, for the app to take each frame. A key
// released in the frame of its press is held back until that frame is done:
// Dear ImGui 1.86 samples key state once a frame and would miss a quick tap
// (Enter in the cell editor would be lost).
void input_init(GLFWwindow* window, std::vector<ShortcutKey>* queue);

// After a frame: the releases held back reach Dear ImGui. On the web key
// events arrive between frames, not inside glfwPollEvents, so this is the
// first moment the frame has seen the keys down.
void input_frame_done();

// Keys or characters are waiting for the next frame (the loop must not sleep).
bool input_waiting();

}  // namespace platform
