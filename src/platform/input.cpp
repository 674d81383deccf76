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

GLFWwindow* g_window = nullptr;
std::vector<ShortcutKey>* g_queue = nullptr;
std::vector<KeyEvent> g_held_releases;
bool g_pressed_this_frame[GLFW_KEY_LAST + 1] = {};

void queue_shortcut(int key, int action, int mods) {
    if (action == GLFW_RELEASE || (mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER))) return;
    const bool press = action == GLFW_PRESS;  // not a key repeat
    switch (key) {
        case GLFW_KEY_SPACE: if (press) g_queue->push_back(ShortcutKey::Space); break;
        case GLFW_KEY_LEFT: g_queue->push_back(ShortcutKey::Left); break;
        case GLFW_KEY_RIGHT: g_queue->push_back(ShortcutKey::Right); break;
        case GLFW_KEY_HOME: g_queue->push_back(ShortcutKey::Home); break;
        case GLFW_KEY_END: g_queue->push_back(ShortcutKey::End); break;
        case GLFW_KEY_UP: g_queue->push_back(ShortcutKey::Up); break;
        case GLFW_KEY_DOWN: g_queue->push_back(ShortcutKey::Down); break;
        case GLFW_KEY_TAB: if (press) g_queue->push_back(ShortcutKey::NextScene); break;
        case GLFW_KEY_F1: if (press) g_queue->push_back(ShortcutKey::Help); break;
        default: break;
    }
}

void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    queue_shortcut(key, action, mods);
    if (key >= 0 && key <= GLFW_KEY_LAST) {
        if (action == GLFW_PRESS) g_pressed_this_frame[key] = true;
        if (action == GLFW_RELEASE && g_pressed_this_frame[key]) {
            g_held_releases.push_back({key, scancode, mods});
            return;
        }
    }
    ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}

}  // namespace

void input_init(GLFWwindow* window, std::vector<ShortcutKey>* queue) {
    g_window = window;
    g_queue = queue;
    glfwSetKeyCallback(window, on_key);
}

void input_frame_done() {
    for (const KeyEvent& e : g_held_releases) ImGui_ImplGlfw_KeyCallback(g_window, e.key, e.scancode, GLFW_RELEASE, e.mods);
    g_held_releases.clear();
    std::fill(std::begin(g_pressed_this_frame), std::end(g_pressed_this_frame), false);
}

}  // namespace platform
