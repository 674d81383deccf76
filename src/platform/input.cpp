#include "platform/input.h"

#include <algorithm>
#include <iterator>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui_impl_glfw.h>

namespace platform {

namespace {

struct KeyEvent {
    int key, scancode, mods;
};

// A key or character that arrived after its frame's order was closed.
struct LaterEvent {
    bool is_char;
    unsigned ch;
    int key, scancode, action, mods;
};

GLFWwindow* g_window = nullptr;
std::vector<ShortcutKey>* g_queue = nullptr;
std::vector<KeyEvent> g_held_releases;
bool g_pressed_this_frame[GLFW_KEY_LAST + 1] = {};
bool g_typed_this_frame = false;  // a character is in this frame's ImGui queue
bool g_frame_closed = false;      // a shortcut came after a character: the rest waits
std::vector<LaterEvent> g_later;

// The shortcut a key event names, if any.
bool shortcut_of(int key, int action, int mods, ShortcutKey* out) {
    if (action == GLFW_RELEASE) return false;
    // Ctrl+Z (Cmd+Z on a Mac) undoes; Ctrl+Shift+Z and Ctrl+Y redo. Repeats repeat.
    if ((mods & (GLFW_MOD_CONTROL | GLFW_MOD_SUPER)) && !(mods & GLFW_MOD_ALT)) {
        if (key == GLFW_KEY_Z) *out = (mods & GLFW_MOD_SHIFT) ? ShortcutKey::Redo : ShortcutKey::Undo;
        else if (key == GLFW_KEY_Y) *out = ShortcutKey::Redo;
        else return false;
        return true;
    }
    if (mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER)) return false;
    const bool press = action == GLFW_PRESS;  // not a key repeat
    switch (key) {
        case GLFW_KEY_SPACE: *out = ShortcutKey::Space; return press;
        case GLFW_KEY_LEFT: *out = ShortcutKey::Left; return true;
        case GLFW_KEY_RIGHT: *out = ShortcutKey::Right; return true;
        case GLFW_KEY_HOME: *out = ShortcutKey::Home; return true;
        case GLFW_KEY_END: *out = ShortcutKey::End; return true;
        case GLFW_KEY_UP: *out = ShortcutKey::Up; return true;
        case GLFW_KEY_DOWN: *out = ShortcutKey::Down; return true;
        case GLFW_KEY_TAB: *out = ShortcutKey::NextScene; return press;
        case GLFW_KEY_F1: *out = ShortcutKey::Help; return press;
        default: return false;
    }
}

void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    // A frame sees its characters (ImGui's queue) before its shortcut keys, so
    // "7" then Right in one frame would step and then load the MNIST map,
    // which starts at step 0. A shortcut after a character waits for the next
    // frame, and so does everything after it.
    ShortcutKey k;
    const bool shortcut = shortcut_of(key, action, mods, &k);
    if (g_frame_closed || (shortcut && g_typed_this_frame)) {
        g_frame_closed = true;
        g_later.push_back({false, 0, key, scancode, action, mods});
        return;
    }
    if (shortcut) g_queue->push_back(k);
    if (key >= 0 && key <= GLFW_KEY_LAST) {
        if (action == GLFW_PRESS) g_pressed_this_frame[key] = true;
        if (action == GLFW_RELEASE && g_pressed_this_frame[key]) {
            g_held_releases.push_back({key, scancode, mods});
            return;
        }
    }
    ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}

void on_char(GLFWwindow* window, unsigned ch) {
    if (g_frame_closed) {
        g_later.push_back({true, ch, 0, 0, 0, 0});
        return;
    }
    g_typed_this_frame = true;
    ImGui_ImplGlfw_CharCallback(window, ch);
}

}  // namespace

void input_init(GLFWwindow* window, std::vector<ShortcutKey>* queue) {
    g_window = window;
    g_queue = queue;
    glfwSetKeyCallback(window, on_key);
    glfwSetCharCallback(window, on_char);
}

void input_frame_done() {
    for (const KeyEvent& e : g_held_releases) ImGui_ImplGlfw_KeyCallback(g_window, e.key, e.scancode, GLFW_RELEASE, e.mods);
    g_held_releases.clear();
    std::fill(std::begin(g_pressed_this_frame), std::end(g_pressed_this_frame), false);
    g_typed_this_frame = false;
    g_frame_closed = false;
    // What waited goes into the next frame, in order (it may close that one too).
    std::vector<LaterEvent> later;
    later.swap(g_later);
    for (const LaterEvent& e : later) {
        if (e.is_char) on_char(g_window, e.ch);
        else on_key(g_window, e.key, e.scancode, e.action, e.mods);
    }
}

bool input_waiting() { return !g_later.empty(); }

}  // namespace platform
