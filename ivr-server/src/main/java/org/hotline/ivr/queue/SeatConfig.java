package org.hotline.ivr.queue;

import java.util.List;
import java.util.Map;
import org.hotline.ivr.ops.PasswordHash;

/**
 * One seat from {@code seats.yaml}.
 *
 * @param device       what the call's node dials, e.g. {@code PJSIP/1001}
 * @param group        the queue group whose keys (one Redis hash tag) hold this seat's state
 * @param skills       skill name to level, 1 (basic) to 10 (expert)
 * @param passwordHash seat console password, {@link PasswordHash} format; never printed
 */
public record SeatConfig(String id, String name, String device, String group, Map<String, Integer> skills,
                         List<String> languages, String passwordHash) {

    public SeatConfig {
        skills = Map.copyOf(skills);
        languages = List.copyOf(languages);
    }

    public int skillLevel(String skill) {
        return skills.getOrDefault(skill, 0);
    }

    /** True if this seat may take calls of {@code queue}: same group, the skill at the level, the language. */
    public boolean serves(QueueConfig queue) {
        return group.equals(queue.group()) && skillLevel(queue.skill()) >= queue.minSkillLevel()
                && languages.contains(queue.language());
    }

    @Override
    public String toString() {
        return "SeatConfig[id=" + id + ", name=" + name + ", device=" + device + ", group=" + group
                + ", skills=" + skills + ", languages=" + languages + ", passwordHash=****]";
    }
}
