import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

const ANNOUNCE_AT_MINUTES = [10, 5, 1];

/**
 * Time left before the server's deadline. The visible clock is not live for screen readers;
 * a polite announcement is made only at a few thresholds.
 */
export function QuizTimer({ deadline, serverNow, onExpired }: { deadline: string; serverNow: string; onExpired: () => void }) {
  const { t } = useTranslation();
  const [offset] = useState(() => new Date(serverNow).getTime() - Date.now());
  const [left, setLeft] = useState(() => new Date(deadline).getTime() - new Date(serverNow).getTime());
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    const end = new Date(deadline).getTime();
    const timer = window.setInterval(() => {
      const remaining = end - (Date.now() + offset);
      setLeft(remaining);
      const minutes = Math.ceil(remaining / 60_000);
      if (ANNOUNCE_AT_MINUTES.includes(minutes) && remaining > (minutes - 1) * 60_000 + 58_000) setAnnouncement(t("quiz.timer.announce", { count: minutes }));
      if (remaining <= 0) {
        window.clearInterval(timer);
        onExpired();
      }
    }, 1000);
    return () => window.clearInterval(timer);
  }, [deadline, offset, onExpired, t]);

  const seconds = Math.max(0, Math.floor(left / 1000));
  const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  return (
    <div className="quiz-timer">
      <p>
        {t("quiz.timer.left")}{" "}
        <span role="timer" aria-live="off">
          {clock}
        </span>
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
